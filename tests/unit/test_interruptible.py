"""``interruptible``: a signal takes effect at the next checkpoint, never inside whatever code
the main thread happens to run (a database driver's constructor); a second signal at once."""

import os
import signal

import pytest

from workbench.formats.files import Interrupted, checkpoint, interruptible


@pytest.fixture(autouse=True)
def default_sigterm():
    """SIGTERM as a terminal gives it (a background job may ignore SIGINT and SIGHUP, and
    ``interruptible`` leaves ignored signals alone: these tests send SIGTERM only)."""
    old = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGTERM, old)


def test_a_signal_is_raised_at_the_next_checkpoint_not_where_it_lands():
    reached = []
    with pytest.raises(Interrupted) as info:
        with interruptible():
            os.kill(os.getpid(), signal.SIGTERM)
            reached.append("after the signal")  # the handler did not raise here
            checkpoint()
            reached.append("after the checkpoint")
    assert reached == ["after the signal"]
    assert info.value.signum == signal.SIGTERM


def test_a_second_signal_raises_at_once():
    reached = []
    with pytest.raises(Interrupted) as info:
        with interruptible():
            os.kill(os.getpid(), signal.SIGTERM)
            reached.append(1)
            os.kill(os.getpid(), signal.SIGTERM)
            reached.append(2)
    assert reached == [1]
    assert info.value.signum == signal.SIGTERM


def test_signals_during_the_clean_up_are_ignored():
    cleaned = []
    with pytest.raises(Interrupted):
        with interruptible():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                checkpoint()
            finally:
                os.kill(os.getpid(), signal.SIGTERM)  # the user insists: the clean-up still runs
                cleaned.append(True)
    assert cleaned == [True]


def test_a_signal_after_the_last_checkpoint_lets_the_block_finish():
    with interruptible():
        checkpoint()
        os.kill(os.getpid(), signal.SIGTERM)
    checkpoint()  # outside the block: nothing pending any more


def test_checkpoint_outside_interruptible_does_nothing_and_handlers_are_restored():
    checkpoint()
    before = signal.getsignal(signal.SIGTERM)
    with interruptible():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before
