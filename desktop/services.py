"""The services of one signed-in session, built the same way for the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.caselist import CaseListService
from desktop.core.demo import DemoGenerator
from desktop.core.reference import ReferenceData, reference_data
from desktop.core.search import SearchService
from desktop.core.users import UserService
from desktop.store.database import WorkSession
from desktop.store.secrets import SecretStore


@dataclass
class Services:
    session: WorkSession
    users: UserService
    cases: CaseListService
    search: SearchService
    demo: DemoGenerator
    reference: ReferenceData
    secrets: SecretStore

    @classmethod
    def for_session(cls, session: WorkSession) -> Services:
        actor = session.actor
        return cls(
            session=session,
            users=UserService(session.engine, actor, credentials=session),
            cases=CaseListService(session.engine, actor),
            search=SearchService(session.engine, actor),
            demo=DemoGenerator(session.engine, actor),
            reference=reference_data(),
            secrets=SecretStore(str(session.vault.database_id())),
        )
