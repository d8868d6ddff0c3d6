from .base import Base, TimestampMixin, UUIDPrimaryKeyMixin
from .user import User
from .conversation import Conversation, ConversationMember
from .message import Message, MessageReaction

__all__ = ["Base", "TimestampMixin", "UUIDPrimaryKeyMixin", "User", "Conversation", "ConversationMember", "Message", "MessageReaction"]
