"""The staff sign-in: a shared password (hash in secrets or the environment), or the
organisation's identity provider through Streamlit's OpenID Connect sign-in."""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st

from dashboard.i18n.messages import t
from dashboard.serve.processes import FORWARDED_ENV
from dashboard.staff.auth import MAX_NAME, clean_name, configured_hash, oidc_check, sign_in
from dashboard.staff.store import Store, StoreError
from dashboard.ui.text import md

USER_KEY = "_staff_user"


def _secrets() -> Mapping | None:
    try:
        st.secrets.to_dict()  # parses the file; raises when there is none
    except Exception:
        return None
    return st.secrets


def client_address(peer: object, forwarded: object, trust_chosen: bool) -> str:
    """The visitor's address for the sign-in throttle and the audit log ("unknown" when it
    cannot be told).

    ``peer`` is the address uvicorn (under Streamlit) gave the page's websocket, as
    ``st.context.ip_address`` reports it (None for 127.0.0.1 and ::1). uvicorn replaces the
    connection's own peer with the last X-Forwarded-For address only when the peer is one
    of ``FORWARDED_ALLOW_IPS``: ``serve`` sets that to its nginx, which overwrites the
    header with the visitor's address, and ``dev.sh run`` sets it empty (no proxy: the
    header is ignored). Where nobody chose (the variable unset, ``trust_chosen`` False),
    uvicorn believes the header from 127.0.0.1 and ::1, so any program on the machine
    could claim any address: a forwarded address is then not believed."""
    if forwarded and not trust_chosen:
        return "unknown"
    return peer if isinstance(peer, str) and peer else "unknown"


def _client() -> str:
    try:
        peer, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    except Exception:
        return "unknown"
    return client_address(peer, forwarded, FORWARDED_ENV in os.environ)


def _oidc_configured(secrets: Mapping | None) -> bool:
    try:
        return secrets is not None and "auth" in secrets
    except Exception:
        return False


def _oidc_user(store: Store, secrets: Mapping, lang: str) -> str | None:
    """The signed-in identity-provider user, when the provider verified the address and
    it is on the staff list (see dashboard.staff.auth.oidc_check)."""
    if not st.user.is_logged_in:
        return None
    check = oidc_check(st.user, secrets)
    if check.ok:
        if st.session_state.get(USER_KEY) != check.email:
            store.audit("sign_in", who=check.email, client=_client(), method="oidc")
            st.session_state[USER_KEY] = check.email
        return check.email
    why = "email not verified by the provider" if check.status == "unverified" else "not on the staff list"
    store.audit("sign_in_failed", who=check.email, client=_client(), why=why, method="oidc")
    key = "staff_oidc_unverified" if check.status == "unverified" else "staff_oidc_not_allowed"
    st.error(t(key, lang, email=md(check.email[:MAX_NAME])))
    if st.button(t("staff_sign_out", lang), key="staff-oidc-out"):
        st.logout()
    return None


def staff_user(store: Store, lang: str) -> str | None:
    """The signed-in staff member's name; otherwise draws the sign-in and returns None."""
    user = st.session_state.get(USER_KEY)
    if user:
        return str(user)
    secrets = _secrets()
    if _oidc_configured(secrets):
        user = _oidc_user(store, secrets, lang)  # type: ignore[arg-type]
        if user:
            return user
        if not st.user.is_logged_in:
            st.button(t("staff_oidc_sign_in", lang), on_click=st.login, key="staff-oidc-in")
    if configured_hash(secrets) is None:
        if not _oidc_configured(secrets):
            st.warning(t("staff_not_configured", lang))
        return None
    st.write(t("staff_sign_in_intro", lang))
    with st.form("staff-sign-in"):
        name = st.text_input(t("staff_name", lang), key="staff-name")
        password = st.text_input(t("staff_password", lang), type="password", key="staff-password")
        submitted = st.form_submit_button(t("staff_sign_in", lang))
    if not submitted:
        return None
    try:
        result = sign_in(store, name, password, _client(), secrets)
    except StoreError as exc:  # the database is away: say so, never a traceback
        st.error(md(str(exc)))
        return None
    if result.ok:
        st.session_state[USER_KEY] = clean_name(name)
        st.rerun()
    if result.status == "locked":
        st.error(t("staff_locked", lang, seconds=int(result.wait + 0.999)))
    elif result.status == "busy":
        st.error(t("staff_busy", lang, seconds=int(result.wait + 0.999)))
    elif result.status == "missing":
        st.error(t("staff_missing", lang))
    elif result.status == "not_configured":
        st.warning(t("staff_not_configured", lang))
    else:
        st.error(t("staff_wrong", lang))
        if result.wait > 0:
            st.caption(t("staff_wait", lang, seconds=int(result.wait + 0.999)))
    return None


def sign_out(store: Store, user: str, lang: str) -> None:
    """The sign-out button."""
    if st.button(t("staff_sign_out", lang), key="staff-sign-out"):
        store.audit("sign_out", who=user, client=_client())
        for key in [k for k in st.session_state if str(k).startswith("_staff")]:
            del st.session_state[key]
        if st.user.is_logged_in:
            st.logout()
        st.rerun()
