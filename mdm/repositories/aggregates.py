"""The repositories a unit of work gives, one per aggregate, each the repository modules'
functions for its tables bound to the unit of work's session. The SQL stays in the modules;
these say which functions belong together and under what name a service calls them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from matching import Comparison
from mdm.repositories import (
    apart_pairs,
    api_keys,
    blocking_keys,
    candidates,
    constraints,
    dashboard_figures,
    deliveries,
    delivery_status,
    golden,
    golden_reads,
    history,
    idempotency,
    ingest_runs,
    learning_jobs,
    links,
    locks,
    login_attempts,
    match_models,
    match_work,
    matching_records,
    onboarding,
    operations,
    outbox,
    quarantine,
    redirects,
    review_tasks,
    source_date_orders,
    source_records,
    subscriptions,
    sync_cursors,
    systems,
    trace,
    users,
    web_sessions,
)
from mdm.repositories.binding import Repository, bound
from mdm.repositories.match_models import ModelCache, ModelState, StoredModel


class SourceRecords(Repository):
    """Source records and their versions, as loaded and as the matcher reads them, with their
    blocking keys and the ingest runs that wrote them."""

    load_state = bound(source_records.load_state)
    states_of = bound(source_records.states_of)
    flagged_of = bound(source_records.flagged_of)
    insert_records = bound(source_records.insert_records)
    insert_versions = bound(source_records.insert_versions)
    advance_records = bound(source_records.advance_records)
    count_all = bound(source_records.count_all)
    start_run = bound(ingest_runs.start)
    records_by_id = bound(matching_records.records_by_id)
    records_read_once = bound(matching_records.records_read_once)
    pending_ids = bound(matching_records.pending_ids)
    count_active = bound(matching_records.count_active)
    population_change = bound(matching_records.population_change)
    mark_resolved = bound(matching_records.mark_resolved)
    snapshot = bound(matching_records.snapshot)
    analyse = bound(matching_records.analyse)
    active_ids = bound(matching_records.active_ids)
    active_records = bound(matching_records.active_records)
    active_systems = bound(matching_records.active_systems)
    replace_keys = bound(blocking_keys.replace_keys)
    stage_all_keys = bound(blocking_keys.stage_all_keys)
    warm_staged_keys = bound(blocking_keys.warm_staged_keys)
    swap_in_staged_keys = bound(blocking_keys.swap_in_staged_keys)
    replace_all_from_run = bound(blocking_keys.replace_all_from_run)
    blocks_for = bound(blocking_keys.blocks_for)
    candidates_of = bound(candidates.candidates_of)


class Quarantine(Repository):
    """Rows an extract held that failed their checks, kept until someone fixes them."""

    keep = bound(quarantine.keep)
    resolve_loaded = bound(quarantine.resolve_loaded)
    list_entries = bound(quarantine.list_entries)
    discard = bound(quarantine.discard)


class GoldenRecords(Repository):
    """Golden records with their cross-references, pins, redirects and history."""

    golden_ids_for = bound(golden.golden_ids_for)
    member_record_ids = bound(golden.member_record_ids)
    golden_of_members = bound(golden.golden_of_members)
    close_xrefs = bound(golden.close_xrefs)
    live_members = bound(golden.live_members)
    members_of = bound(golden.members_of)
    states_of = bound(golden.states_of)
    pins_of = bound(golden.pins_of)
    entity_of = bound(golden.entity_of)
    update_goldens = bound(golden.update_goldens)
    mark_merged = bound(golden.mark_merged)
    lock_goldens = bound(golden.lock_goldens)
    insert_empty = bound(golden.insert_empty)
    insert_complete = bound(golden.insert_complete)
    insert_lines = bound(golden.insert_lines)
    insert_xrefs = bound(golden.insert_xrefs)
    active_ids = bound(golden.active_ids)
    analyse = bound(golden.analyse)
    set_pin = bound(golden.set_pin)
    drop_pin = bound(golden.drop_pin)
    lock_entity = bound(locks.lock_entity)
    record_changes = bound(history.record)
    status_row = bound(golden_reads.status_row)
    record_row = bound(golden_reads.record_row)
    current_member_rows = bound(golden_reads.current_member_rows)
    member_rows_at = bound(golden_reads.member_rows_at)
    version_numbers = bound(golden_reads.version_numbers)
    version_rows = bound(golden_reads.version_rows)
    version_row_at = bound(golden_reads.version_row_at)
    exists = bound(golden_reads.exists)
    search_rows = bound(golden_reads.search_rows)
    xref_row = bound(golden_reads.xref_row)
    xref_golden_at = bound(golden_reads.xref_golden_at)
    active_attributes = bound(golden_reads.active_attributes)
    export_xref_rows = bound(golden_reads.export_xref_rows)
    export_golden_rows = bound(golden_reads.export_golden_rows)
    tombstones_into = bound(redirects.tombstones_into)
    holders_now = bound(redirects.holders_now)
    repoint = bound(redirects.repoint)
    mark_split = bound(redirects.mark_split)
    was_repointed = bound(redirects.was_repointed)


class Matches(Repository):
    """Scored links (and the pairs scored below them held apart), stewards' must-link /
    cannot-link constraints and review tasks."""

    store_links = bound(links.store_links)
    supersede_stale = bound(links.supersede_stale)
    open_review_tasks = bound(links.open_review_tasks)
    stored_links = bound(links.stored_links)
    store_run_links = bound(links.store_run_links)
    store_apart = bound(apart_pairs.store_apart)
    forget_apart = bound(apart_pairs.forget_apart)
    store_run_apart = bound(apart_pairs.store_run_apart)
    stored_apart = bound(apart_pairs.stored_apart)
    constraints_of = bound(constraints.load)
    add_constraint = bound(constraints.add)
    add_constraints = bound(constraints.add_many)
    cannot_links_between = bound(constraints.cannot_links_between)
    drop_must_links_between = bound(constraints.drop_must_links_between)
    constraints_between = bound(constraints.between)
    deactivate_constraints = bound(constraints.deactivate)
    cannot_linked_goldens = bound(constraints.cannot_linked_goldens)
    constraint_counts = bound(constraints.counts)
    task_rows = bound(review_tasks.task_rows)
    open_counts = bound(review_tasks.open_counts)
    task_record_row = bound(review_tasks.record_row)
    task_row = bound(review_tasks.task_row)
    entity_of_task = bound(review_tasks.entity_of_task)
    lock_task_row = bound(review_tasks.lock_task_row)
    set_assignee = bound(review_tasks.set_assignee)
    settle = bound(review_tasks.settle)
    pair_of = bound(review_tasks.pair_of)
    open_pairs = bound(review_tasks.open_pairs)
    open_versions = bound(review_tasks.open_versions)
    undecided_goldens = bound(review_tasks.undecided_goldens)
    supersede_tasks = bound(review_tasks.supersede)


class MatchWork(Repository):
    """A bulk resolution handed out in blocks: its run, the blocks workers claim and finish,
    and what they stage (keys, scored links, pairs held apart) until the run takes it."""

    forget_runs = bound(match_work.forget_runs)
    start_run = bound(match_work.start_run)
    add_blocks = bound(match_work.add_blocks)
    claim = bound(match_work.claim)
    finish = bound(match_work.finish)
    done_by = bound(match_work.done_by)
    progress = bound(match_work.progress)
    results = bound(match_work.results)
    stage_keys = bound(match_work.stage_keys)
    stage_links = bound(match_work.stage_links)
    staged_links = bound(match_work.staged_links)
    staged_quiet = bound(match_work.staged_quiet)
    staged_distinct = bound(match_work.staged_distinct)
    stage_apart = bound(match_work.stage_apart)
    staged_apart = bound(match_work.staged_apart)
    decisions = bound(match_work.decisions)


class Models(Repository):
    """Each entity's trained matching model; parsed once per trained version, in the cache the
    runtime keeps."""

    def __init__(self, session: Session, cache: ModelCache) -> None:
        super().__init__(session)
        self.cache = cache

    def load(self, entity: str, comparisons: Sequence[Comparison]) -> StoredModel | None:
        return match_models.load(self.session, self.cache, entity, comparisons)

    def load_as(
        self, entity: str, comparisons: Sequence[Comparison], state: ModelState
    ) -> StoredModel | None:
        return match_models.load_as(self.session, self.cache, entity, comparisons, state)

    save = bound(match_models.save)
    version = bound(match_models.version)
    record_population = bound(match_models.record_population)
    record_learning = bound(match_models.record_learning)
    learnings = bound(match_models.learnings)
    learning_of = bound(match_models.learning_of)
    queue_learning = bound(learning_jobs.queue)
    unheld_learning = bound(learning_jobs.unheld_active)
    active_learning = bound(learning_jobs.active)
    learning_job = bound(learning_jobs.get)
    latest_learning_job = bound(learning_jobs.latest)
    start_learning = bound(learning_jobs.start)
    hold_learning = bound(learning_jobs.hold_running)
    finish_learning = bound(learning_jobs.finish)


class Events(Repository):
    """The outbox (the pull feed's order) and audit entries for decisions that are not golden
    changes themselves."""

    events_after = bound(outbox.events_after)
    take_relay = bound(outbox.take_relay)
    place_committed = bound(outbox.place_committed)
    position_of_legacy_cursor = bound(outbox.position_of_legacy_cursor)
    audit = bound(history.audit)


class Users(Repository):
    """Stewards' accounts, their server-side sessions and sign-in attempts."""

    find = bound(users.find)
    insert = bound(users.insert)
    upsert = bound(users.upsert)
    set_hash = bound(users.set_hash)
    all_rows = bound(users.all_rows)
    start_session = bound(web_sessions.start)
    user_of_session = bound(web_sessions.user_of)
    end_session = bound(web_sessions.end)
    end_sessions_of = bound(web_sessions.end_all_of)
    record_login = bound(login_attempts.record)
    account_failures = bound(login_attempts.account_failures)
    address_failures = bound(login_attempts.address_failures)


class Systems(Repository):
    """Source systems, the date orders their extracts decided, their subscriptions, sync
    cursors and deliveries."""

    get_or_register = bound(systems.get_or_register)
    find = bound(systems.find)
    date_orders_of = bound(source_date_orders.remembered)
    remember_date_orders = bound(source_date_orders.remember)
    lock_loads = bound(systems.lock_loads)
    wait_for_loads = bound(systems.wait_for_loads)
    names_by_id = bound(systems.names_by_id)
    register = bound(systems.register)
    all_systems = bound(systems.all_systems)
    ensure_subscription = bound(subscriptions.ensure)
    list_subscriptions = bound(subscriptions.listed)
    set_subscription_status = bound(subscriptions.set_status)
    cursor_of = bound(sync_cursors.state_of)
    save_cursor = bound(sync_cursors.save)
    claim_due = bound(deliveries.claim_due)
    mark_delivered = bound(deliveries.mark_delivered)
    mark_failed = bound(deliveries.mark_failed)
    queue_deliveries = bound(deliveries.queue)
    retry_dead = bound(deliveries.retry_dead)
    crosswalk = bound(deliveries.crosswalk)
    refresh_target_versions = bound(deliveries.refresh_target_versions)
    event_time = bound(deliveries.event_time)
    delivery_figures = bound(delivery_status.status)
    delivery_rows = bound(delivery_status.deliveries)


class ApiKeys(Repository):
    """API keys, the calls made with them and their idempotency keys."""

    insert = bound(api_keys.insert)
    by_prefix = bound(api_keys.by_prefix)
    listing = bound(api_keys.listing)
    revoke = bound(api_keys.revoke)
    record_calls = bound(api_keys.record_calls)
    calls = bound(api_keys.calls)
    claim_idempotency = bound(idempotency.claim)
    store_idempotent = bound(idempotency.store)


class Reports(Repository):
    """Read models across aggregates: the dashboard, the metrics, onboarding's figures and a
    golden record's trace."""

    queue_ages = bound(dashboard_figures.queue_ages)
    decisions_per_day = bound(dashboard_figures.decisions_per_day)
    auto_link_rates = bound(dashboard_figures.auto_link_rates)
    duplicates_per_system = bound(dashboard_figures.duplicates_per_system)
    ingest_rows = bound(operations.ingest_rows)
    review_queue = bound(operations.review_queue)
    feed_state = bound(operations.feed_state)
    run_outcomes = bound(onboarding.run_outcomes)
    golden_changes = bound(onboarding.golden_changes)
    rate_conflicts = bound(onboarding.rate_conflicts)
    golden_ids_by_key = bound(onboarding.golden_ids_by_key)
    system_figures = bound(onboarding.system_figures)
    last_run = bound(onboarding.last_run)
    trace_members = bound(trace.members)
    trace_links = bound(trace.links)
    trace_versions = bound(trace.versions)
    trace_events = bound(trace.events)
    trace_deliveries = bound(trace.deliveries)
