"""The audit viewer's period accepts any date a date can be: the first and the last day
there are list every event, never an overflow."""

from datetime import date

from desktop.core.audit.log import AuditFilter


def test_a_period_from_the_first_to_the_last_possible_day_lists_every_event(services):
    services.demo.generate(2)
    everything = services.audit.events(AuditFilter()).rows
    widest = services.audit.events(AuditFilter(since=date.min, until=date.max)).rows
    assert len(widest) == len(everything) > 0
