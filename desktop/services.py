"""The services of one signed-in session, built the same way for the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.audit.chain import Anchor
from desktop.core.audit.log import AuditLog
from desktop.core.casefile import CaseFileService
from desktop.core.caselist import CaseListService
from desktop.core.clock import SYSTEM_CLOCK, Clock
from desktop.core.coordination import FiguresExport
from desktop.core.demo import DemoGenerator
from desktop.core.drafts import DraftService
from desktop.core.duplicates import DuplicateFinder
from desktop.core.figures import FiguresService
from desktop.core.intake import IntakeService
from desktop.core.merge import MergeService
from desktop.core.name_index import NameIndex
from desktop.core.partners import PartnerDirectory
from desktop.core.person_edit import PersonEditService
from desktop.core.reference import ReferenceData, reference_data
from desktop.core.retention.service import RetentionService
from desktop.core.search import SearchService
from desktop.core.subject_access import SubjectAccessService
from desktop.core.users import UserService
from desktop.core.worklists import WorklistService
from desktop.documents.service import DocumentService
from desktop.documents.subject_access import SubjectCopyExport
from desktop.exchange.exporter import ExportService
from desktop.exchange.fillable import FillableImport
from desktop.exchange.importer import ImportService
from desktop.exchange.partners import PartnerExport, PartnerImport
from desktop.settings import Settings
from desktop.store.backups.service import BackupService, audit_anchors
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
    intake: IntakeService
    drafts: DraftService
    duplicates: DuplicateFinder
    case_files: CaseFileService
    worklists: WorklistService
    merge: MergeService
    people: PersonEditService
    imports: ImportService
    exports: ExportService
    figures: FiguresService
    figures_export: FiguresExport
    documents: DocumentService
    fillable: FillableImport
    retention: RetentionService
    subject_access: SubjectAccessService
    subject_copies: SubjectCopyExport
    audit: AuditLog
    backups: BackupService
    partners: PartnerDirectory
    partner_imports: PartnerImport
    partner_exports: PartnerExport

    @classmethod
    def for_session(cls, session: WorkSession, clock: Clock = SYSTEM_CLOCK) -> Services:
        """``clock`` is the one source of the date for every service (a test moves it)."""
        actor, engine = session.actor, session.engine
        search = SearchService(engine, actor, NameIndex())
        case_files = CaseFileService(engine, actor, reference_data(), clock=clock)
        intake = IntakeService(engine, actor, reference_data(), clock=clock)
        duplicates = DuplicateFinder(search)
        figures = FiguresService(engine, actor)
        organisation = session.organisation
        partners = PartnerDirectory(engine, actor, reference_data(), clock=clock)
        documents = DocumentService(case_files, figures, reference_data(), organisation.name,
                                    organisation.document_language,
                                    session.vault.paths.logo, actor, partners)
        subject_access = SubjectAccessService(engine, actor, clock=clock)
        return cls(
            session=session,
            users=UserService(engine, actor, credentials=session, reference=reference_data()),
            cases=CaseListService(engine, actor),
            search=search,
            demo=DemoGenerator(engine, actor),
            reference=reference_data(),
            secrets=SecretStore(str(session.vault.database_id())),
            intake=intake,
            drafts=DraftService(engine, actor),
            duplicates=duplicates,
            case_files=case_files,
            worklists=WorklistService(engine, actor, clock=clock),
            merge=MergeService(engine, actor),
            people=PersonEditService(engine, actor, reference_data(), clock=clock),
            imports=ImportService(engine, actor, reference_data(), clock=clock),
            exports=ExportService(engine, actor, reference_data()),
            figures=figures,
            figures_export=FiguresExport(engine, actor, organisation),
            documents=documents,
            fillable=FillableImport(intake, duplicates, reference_data(), case_files),
            retention=RetentionService(engine, actor, clock=clock),
            subject_access=subject_access,
            subject_copies=SubjectCopyExport(subject_access, documents.letterhead,
                                             reference_data()),
            audit=AuditLog(engine, actor, anchors=lambda: backup_anchors(session)),
            backups=BackupService(engine, actor, session.vault.paths, session.data_key,
                                  str(session.vault.database_id()), organisation.name),
            partners=partners,
            partner_imports=PartnerImport(partners),
            partner_exports=PartnerExport(partners),
        )


def backup_anchors(session: WorkSession) -> list[Anchor]:
    """The audit heads kept in this database's backups (the folder this machine backs up
    to): the audit check also proves the chain still passes through them."""
    folder = Settings.load(session.vault.paths.settings).backup_folder
    if not folder:
        return []
    try:
        return audit_anchors(Path(folder), str(session.vault.database_id()))
    except OSError:  # the USB key is not plugged in: the chain alone is checked
        return []
