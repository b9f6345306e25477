"""What the assistant says: conversation logic over the knowledge, without Rasa."""
