from .base import Base, TimestampMixin
from .user import User
from .conversation import Conversation, ConversationMember
from .message import Message, MessageReaction

__all__ = ["Base", "TimestampMixin", "User", "Conversation", "ConversationMember", "Message", "MessageReaction"]
