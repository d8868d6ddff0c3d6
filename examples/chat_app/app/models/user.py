"""Users of the messaging service."""
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Index, String
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin

if TYPE_CHECKING:
    from .conversation import ConversationMember


class User(TimestampMixin, Base):
    """A person who can send messages."""

    __tablename__ = "users"
    __table_args__ = (
        Index("idx_users_tms_user_id", "tms_user_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    tms_user_id: Mapped[str] = mapped_column(String(64), unique=True, index=True, doc="Id in the TMS")
    display_name: Mapped[str] = mapped_column(String(120), doc="Name shown to others")
    email: Mapped[str | None] = mapped_column(String(255), unique=True)
    api_token: Mapped[str | None] = mapped_column(String(128), doc="Token for the bot API")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)

    memberships: Mapped[list["ConversationMember"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
