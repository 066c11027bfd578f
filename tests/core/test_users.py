import pytest

from desktop.core.enums import Role
from desktop.core.errors import AccessDenied, RelaisError, ValidationError
from desktop.services import Services
from tests.conftest import USER_PASSWORD, login_as


def test_admin_adds_users_who_log_in_with_their_own_password(vault, services):
    services.users.add_user("marie", Role.SOCIAL_WORKER, USER_PASSWORD)
    first = vault.login("marie", USER_PASSWORD)
    assert first.user.role == Role.SOCIAL_WORKER
    assert first.must_change_password
    first.change_own_password("my own new secret 77")
    first.close()
    again = vault.login("marie", "my own new secret 77")
    assert not again.user.must_change_password
    again.close()


def test_a_temporary_password_opens_nothing_but_the_password_change(vault, services):
    services.users.add_user("marie", Role.SOCIAL_WORKER, USER_PASSWORD)
    session = vault.login("marie", USER_PASSWORD)
    for attempt in (lambda: Services.for_session(session), lambda: session.actor):
        with pytest.raises(RelaisError) as refused:
            attempt()
        assert refused.value.key == "auth.must_change_password"
    with pytest.raises(ValidationError):
        session.change_own_password("short")  # the rules still apply
    assert session.must_change_password
    session.change_own_password("my own new secret 77")
    assert Services.for_session(session).cases.ids() is not None  # serves normally now
    session.close()


def test_volunteer_and_social_worker_cannot_manage_users(vault, services):
    for name, role in [("vera", Role.VOLUNTEER), ("sam", Role.SOCIAL_WORKER)]:
        other = login_as(vault, services, name, role)
        with pytest.raises(AccessDenied):
            other.users.list_users()
        with pytest.raises(AccessDenied):
            other.users.add_user("intruder", Role.ADMINISTRATOR, "a long password 123")
        with pytest.raises(AccessDenied):
            other.demo.generate(1)
        other.session.close()


def test_disabled_user_can_no_longer_unlock_the_database(vault, services):
    login_as(vault, services, "vera", Role.VOLUNTEER).session.close()
    vera = next(u for u in services.users.list_users() if u.username == "vera")
    services.users.set_active(vera.id, False)
    with pytest.raises(RelaisError):
        vault.login("vera", USER_PASSWORD)
    assert not vault.has_user_key("vera")


def test_reset_password_gives_a_temporary_password(vault, services):
    login_as(vault, services, "vera", Role.VOLUNTEER).session.close()
    vera = next(u for u in services.users.list_users() if u.username == "vera")
    services.users.reset_password(vera.id, "temporary password 42")
    session = vault.login("vera", "temporary password 42")
    assert session.user.must_change_password
    session.close()


def test_admin_cannot_disable_or_demote_themselves(services):
    me = services.session.user.id
    with pytest.raises(RelaisError):
        services.users.set_active(me, False)
    with pytest.raises(RelaisError):
        services.users.set_role(me, Role.VOLUNTEER)


def test_duplicate_and_invalid_user_names_are_refused(services):
    with pytest.raises(ValidationError) as failure:
        services.users.add_user("Admin", Role.VOLUNTEER, "a long password 123")
    assert failure.value.key == "user.exists"
    with pytest.raises(ValidationError):
        services.users.add_user("bad name!", Role.VOLUNTEER, "a long password 123")


def test_weak_password_for_a_new_user_is_refused_and_no_account_is_made(vault, services):
    with pytest.raises(ValidationError):
        services.users.add_user("vera", Role.VOLUNTEER, "vera12345678")
    assert [u.username for u in services.users.list_users()] == ["admin"]
    assert not vault.has_user_key("vera")


def _admin_of(vault, refnis: str, document_language: str, admin_language: str):
    from desktop.services import Services
    from desktop.store.vault import NewOrganisation
    from tests.conftest import ADMIN_PASSWORD

    session, _ = vault.create(NewOrganisation("CPAS", refnis, document_language), "admin",
                              ADMIN_PASSWORD, language=admin_language)
    return Services.for_session(session)


@pytest.mark.parametrize(("refnis", "official", "admin_language", "expected"), [
    ("44021", "nl", "en", "nl"),  # Gent: Dutch, whatever the administrator works in
    ("63023", "de", "fr", "de"),  # Eupen: German
    ("62063", "fr", "nl", "fr"),  # Liège: French
    ("21009", "fr", "nl", "nl"),  # Ixelles/Elsene, bilingual: the administrator's language
])
def test_a_new_user_starts_in_the_organisations_official_language(
        vault, refnis, official, admin_language, expected):
    admin = _admin_of(vault, refnis, official, admin_language)
    try:
        assert admin.users.default_language() == expected
        user = admin.users.add_user("marie", Role.SOCIAL_WORKER, USER_PASSWORD)
        assert user.language == expected
        # in Brussels, the language the administrator works in right now decides
        assert admin.users.default_language("de") == ("de" if refnis == "21009" else expected)
    finally:
        admin.session.close()


def test_the_administrator_chooses_and_changes_a_users_language(vault, services):
    user = services.users.add_user("marie", Role.SOCIAL_WORKER, USER_PASSWORD, language="uk")
    assert user.language == "uk"
    services.users.set_user_language(user.id, "nl")
    session = vault.login("marie", USER_PASSWORD)
    assert session.user.language == "nl"  # the window opens in Dutch at her next login
    session.close()
    with pytest.raises(ValidationError) as failure:
        services.users.set_user_language(user.id, "xx")
    assert failure.value.field == "language"
    with pytest.raises(ValidationError):
        services.users.add_user("piet", Role.VOLUNTEER, USER_PASSWORD, language="klingon")


def test_only_administrators_change_another_users_language(vault, services):
    worker = login_as(vault, services, "sam", Role.SOCIAL_WORKER)
    with pytest.raises(AccessDenied):
        worker.users.set_user_language(services.session.user.id, "uk")
    worker.session.close()


def test_a_user_record_without_a_language_is_never_stored_as_french(services):
    import uuid

    from sqlalchemy.exc import IntegrityError

    from desktop.core.models import UserAccount
    from desktop.core.uow import UnitOfWork

    with pytest.raises(IntegrityError), UnitOfWork(
            services.session.engine, services.session.actor) as uow:
        uow.add(UserAccount(organisation_id=services.session.actor.organisation_id or
                            uuid.uuid4(), username="nolang", role=Role.VOLUNTEER))


def test_the_temporary_password_is_not_accepted_as_ones_own(vault, services):
    services.users.add_user("marie", Role.SOCIAL_WORKER, USER_PASSWORD)
    session = vault.login("marie", USER_PASSWORD)
    with pytest.raises(ValidationError) as refused:
        session.change_own_password(USER_PASSWORD)
    assert refused.value.key == "password.same_as_temporary"
    assert session.must_change_password  # nothing changed: still asked
    session.close()
    again = vault.login("marie", USER_PASSWORD)
    assert again.must_change_password
    assert vault.lockout_remaining("marie") == 0  # the comparison counts no wrong password
    again.change_own_password("my own new secret 77")
    again.close()


def test_ones_current_password_is_not_a_new_one(vault, services):
    own = "my own new secret 77"
    session = login_as(vault, services, "marie", Role.SOCIAL_WORKER).session
    session.change_own_password(own)
    with pytest.raises(ValidationError) as refused:
        session.change_own_password(own)
    assert refused.value.key == "password.same_as_current"
    session.close()
    vault.login("marie", own).close()
