"""Assistant sessions (classic declarative style, older part of the code base)."""
from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import declarative_base, relationship

LegacyBase = declarative_base()

session_skills = Table(
    "session_skills",
    LegacyBase.metadata,
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", Integer, ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True),
)


class Skill(LegacyBase):
    __tablename__ = "skills"

    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False, unique=True)


class Session(LegacyBase):
    __tablename__ = "sessions"

    id = Column(Integer, primary_key=True)
    title = Column(String(200))
    created_at = Column(DateTime, default=datetime.utcnow)
    node_sync_status = Column(JSON, default={}, nullable=True)

    messages = relationship("SessionMessage", back_populates="session", cascade="all, delete-orphan")
    skills = relationship("Skill", secondary=session_skills)


class SessionMessage(LegacyBase):
    __tablename__ = "session_messages"

    id = Column(Integer, primary_key=True)
    session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True)
    role = Column(String(20), nullable=False)
    content = Column(Text, nullable=False)
    audio_path = Column(String(500))
    created_at = Column(DateTime, default=datetime.utcnow, nullable=False)

    session = relationship("Session", back_populates="messages")
