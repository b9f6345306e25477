"""Operating the assistant: set-up checks, training, the Rasa endpoints, the two servers."""
