"""The chapter's numbers: deterministic ones exactly, trained ones at their recorded thresholds.

On the complete data (``MNIST_REF_DATA``, set by ``.ci/run``) and on the embedded default that an
offline student gets. Each stage's threshold comes from mnist_ref/thresholds.py.
"""

import pytest
import torch

from mnist_ref.stages import STAGES_BY_NAME, Context, default_stages, run_stage

CPU = torch.device("cpu")
TRAINED = [
    "linear_sgd",
    "simple_net_scratch",
    "simple_net_learner",
    "ten_linear",
    "ten_net_30",
    "ten_net_128",
]


@pytest.fixture(scope="module")
def shared_ctx(shared_data_dir):
    return Context(
        data_dir=str(shared_data_dir), device=CPU, progress=False, announce=lambda s: None
    )


@pytest.mark.shared_data
def test_pixel_similarity_reproduces_the_book_exactly(shared_ctx):
    result, outcome = run_stage(STAGES_BY_NAME["pixel_similarity_l1"], shared_ctx)
    assert result.data == "mnist_sample:complete"
    assert outcome.details == {"accuracy_3": 0.9168, "accuracy_7": 0.9854}
    assert result.accuracy == pytest.approx(0.9511, abs=1e-4) and result.passed


@pytest.mark.shared_data
@pytest.mark.parametrize(
    "stage,expected", [("ten_nearest_mean_mse", 0.8104), ("ten_nearest_mean_l1", 0.6660)]
)
def test_nearest_mean_image_on_ten_digits_is_exact(shared_ctx, stage, expected):
    result, _ = run_stage(STAGES_BY_NAME[stage], shared_ctx)
    assert result.data == "mnist:embedded-testset"
    assert result.accuracy == pytest.approx(expected, abs=1e-4) and result.passed


@pytest.mark.shared_data
@pytest.mark.parametrize("stage", TRAINED)
def test_trained_stages_reach_their_thresholds_on_the_complete_data(shared_ctx, stage):
    result, outcome = run_stage(STAGES_BY_NAME[stage], shared_ctx)
    assert result.passed, f"{stage}: {result.accuracy} < {result.threshold} on {result.data}"
    assert len(outcome.history) > 1


@pytest.mark.shared_data
@pytest.mark.slow
@pytest.mark.parametrize("stage", ["linear_fastai", "simple_net_fastai"])
def test_the_books_fastai_learner_reaches_its_threshold(shared_ctx, stage):
    result, _ = run_stage(STAGES_BY_NAME[stage], shared_ctx)
    assert result.passed, f"{stage}: {result.accuracy} < {result.threshold}"


@pytest.mark.slow  # 7 s; tests/reference/test_cli.py runs the same stages by default (mnist-ref run)
def test_embedded_default_runs_every_cpu_stage_offline(offline_embedded):
    ctx = Context(device=CPU, progress=False, announce=lambda s: None)
    for stage in default_stages(CPU):
        if stage.uses_fastai:
            continue
        result, _ = run_stage(stage, ctx)
        assert result.data.endswith("embedded-heldout")
        assert result.passed, f"{stage.name}: {result.accuracy} vs {result.threshold}"


def test_same_seed_same_numbers(offline_embedded):
    runs = []
    for _ in range(2):
        ctx = Context(device=CPU, progress=False, announce=lambda s: None, seed=7)
        runs.append(run_stage(STAGES_BY_NAME["linear_sgd"], ctx)[0].history)
    assert runs[0] == runs[1]


@pytest.mark.cuda
def test_stages_run_on_cuda_unchanged(shared_data_dir):
    ctx = Context(data_dir=str(shared_data_dir), device=torch.device("cuda"), progress=False)
    for name in ("pixel_similarity_l1", "linear_sgd", "simple_net_learner", "ten_linear"):
        result, _ = run_stage(STAGES_BY_NAME[name], ctx)
        assert result.device.startswith("cuda") and result.passed, result


@pytest.mark.shared_data
@pytest.mark.slow
def test_going_deeper_resnet18(shared_data_dir):
    """The book's resnet18, one epoch: about 20 s on a 2-core CPU, on a GPU where there is one."""
    ctx = Context(data_dir=str(shared_data_dir), progress=False, announce=lambda s: None)
    result, _ = run_stage(STAGES_BY_NAME["resnet18_fastai"], ctx)
    assert result.passed, result
