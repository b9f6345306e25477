"""The app database: SQLAlchemy 2.0 models, engines and Alembic migrations."""
