"""The curve and diagnosis that failing training checks attach (autograder.render.curves)."""

import math

import torch

from autograder.core.feedback import Wrong
from autograder.render import curves


def test_sparkline_spans_the_blocks_and_marks_nan():
    assert curves.sparkline([0.0, 0.5, 1.0]) == "▁▅█"
    assert curves.sparkline([0.2, math.nan, float("inf")], 0.0, 1.0) == "▂××"
    assert curves.sparkline(torch.tensor([0.0, 1.0])) == "▁█"
    assert curves.sparkline([2.0, -1.0]) == "█▁"  # clipped to the scale


def test_curve_text_puts_both_runs_on_one_scale():
    text = curves.curve_text([0.503, 0.503, 0.504], [0.7, 0.9, 0.98])
    lines = text.splitlines()
    assert lines[0].startswith("validation accuracy per epoch (scale 0.503 to 0.980)")
    assert "▁▁▁" in lines[1] and "0.503 -> 0.504 (3 epochs)" in lines[1]
    assert lines[2].split()[1] == "▄▇█" and "reference" in lines[2]


def test_diagnose_names_each_shape():
    assert "stuck near 0.5 from epoch 1" in curves.diagnose([0.503] * 5)
    assert "targets' shape" in curves.diagnose([0.51, 0.49, 0.5])
    assert "stuck near 0.1" in curves.diagnose([0.1, 0.11, 0.1], chance=0.1)
    assert "NaN from epoch 3" in curves.diagnose([0.9, 0.95, math.nan, math.nan])
    assert "saturated" in curves.diagnose([0.5] * 4, saturated=0.995)
    assert "rose to 0.950, then fell" in curves.diagnose([0.9, 0.95, 0.6, 0.55])
    assert "opposite of the labels" in curves.diagnose([0.09, 0.03, 0.02])
    assert "hardly moved (0.397 to 0.397) while the reference" in curves.diagnose(
        [0.397] * 3, reference=[0.969, 0.97, 0.97])
    assert "hardly moved" in curves.diagnose([0.80, 0.801, 0.802], reference=[0.9, 0.95, 0.97])
    assert "back near 0.5 by the last epoch (0.505, from 0.763)" in curves.diagnose(
        [0.763, 0.64, 0.537, 0.507, 0.505], reference=[0.96, 0.97])
    assert "in order (all 3s" in curves.diagnose([0.54, 0.84, 0.92, 0.95])
    assert "up the gradient" in curves.diagnose([0.9, 0.85, 0.80])


def test_diagnose_says_nothing_about_a_good_or_unknown_curve():
    assert curves.diagnose([0.93, 0.96, 0.97], reference=[0.94, 0.96, 0.975]) is None
    assert curves.diagnose([]) is None
    # at chance, but so is the reference: nothing the student's code did
    assert curves.diagnose([0.5, 0.5], reference=[0.5, 0.51]) is None


def test_with_curve_keeps_the_message_and_adds_curve_and_diagnosis():
    wrong = Wrong("training: validation accuracy 0.5030", cause="a named cause", section="S")
    out = curves.with_curve(wrong, [0.503, 0.503], [0.95, 0.98])
    text = str(out)
    assert text.startswith("training: validation accuracy 0.5030\n  validation accuracy per epoch")
    assert "diagnosis: accuracy stuck near 0.5" in text
    assert "likely cause: a named cause" in text and 'section "S"' in text
    assert out.curves["yours"] == [0.503, 0.503] and out.curves["reference"] == [0.95, 0.98]
    assert out.curves["diagnosis"].startswith("accuracy stuck")


def test_with_curve_leaves_a_wrong_without_a_history_alone():
    wrong = Wrong("x")
    assert curves.with_curve(wrong, None) is wrong
    assert curves.with_curve(wrong, 0.5) is wrong


def test_png_is_a_png():
    data = curves.png(curves.curve_data([0.5, 0.5, math.nan], [0.9, 0.95, 0.97]))
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000


def test_png_output_is_a_notebook_display():
    import base64

    out = curves.png_output(curves.curve_data([0.5, 0.5], [0.9, 0.97]))
    assert base64.b64decode(out["image/png"])[:4] == b"\x89PNG"
    assert "reference" in out["text/plain"]
    curves.show(None)  # nothing to draw
    curves.show(curves.curve_data([0.5]))  # outside IPython: nothing, no error


def test_curve_on_failure_adds_the_curve_to_a_wrong_raised_in_the_block():
    import pytest

    with pytest.raises(Wrong) as raised:
        with curves.curve_on_failure([0.1, 0.1, 0.11], chance=0.1):
            raise Wrong("ten digits: below the floor")
    assert "stuck near 0.1" in str(raised.value) and raised.value.curves["chance"] == 0.1
    with curves.curve_on_failure([0.9]):
        pass  # nothing raised: nothing happens
