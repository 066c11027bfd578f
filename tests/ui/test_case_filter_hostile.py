"""What is pasted into the case list's filter is quoted back when nothing matches: a long
word without spaces must not widen the window past the screen (a label cannot wrap it), and a
bidirectional override must not reverse the rest of the message."""

from desktop.core.limits import QUERY_MAX


def test_a_long_unbroken_query_is_quoted_shortened_and_the_window_keeps_its_width(
        qtbot, make_main, services):
    services.demo.generate(20, seed=5)
    window = make_main(services)
    window.filter.setText("Kovalenko" * 30)  # pasted: the box keeps QUERY_MAX characters
    qtbot.waitUntil(lambda: window.content.currentWidget() is window.no_match)
    assert len(window.filter.text()) == QUERY_MAX
    # The list's area asks for no more than a small screen (1366 pixels) holds: the window
    # grew to 1,514 pixels with the whole query quoted, and could not shrink back.
    assert window.content.minimumSizeHint().width() < 1000
    assert "…" in window.no_match.text()
    assert len(window.no_match.text()) < QUERY_MAX


def test_controls_and_overrides_pasted_are_not_quoted_back(qtbot, make_main, services):
    services.demo.generate(20, seed=5)
    window = make_main(services)
    window.filter.setText("\u202eZzzq\x1b\x07")
    qtbot.waitUntil(lambda: window.content.currentWidget() is window.no_match)
    shown = window.no_match.text()
    assert "Zzzq" in shown
    assert not {"\u202e", "\x1b", "\x07"} & set(shown)
