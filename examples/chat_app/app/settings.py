"""Application settings."""
import os

DEBUG = os.environ.get("DEBUG", "0") == "1"

# Local development database. Production reads DATABASE_URL from the environment.
DATABASE_URL = os.environ.get(
    "DATABASE_URL",
    "postgresql+asyncpg://chat:chat-dev-2024@localhost:5432/chat",
)
