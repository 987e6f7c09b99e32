"""The reference's fast paths give the numbers of the book's slower code, bit for bit.

Each oracle here is the code the fast path replaced, copied as it was: advanced indexing in the
loader, the per-parameter SGD loops, ``[range(N), targets]`` indexing in cross-entropy, three
copies in ``threes_sevens``. Timings are measured by ``benchmarks/chapter_speed.py``, never here.
"""

from types import SimpleNamespace

import pytest
import torch

from mnist_ref import linear, multiclass, similarity
from mnist_ref.learner import Learner
from mnist_ref.loaders import TensorLoader, make_loaders
from mnist_ref.runtime import cpu_threads
from mnist_ref.simple_net import make_simple_net
from mnist_ref.stages import (
    STAGES_BY_NAME,
    Context,
    first_layer_by_rows,
    on_ctx_threads,
    rows_of,
    threes_sevens,
)


def old_batches(x, y, batch_size, generator, epochs):
    """The loader before: a permutation per epoch, rows picked with ``x[idx]``."""
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for i in range(0, len(x), batch_size):
            idx = order[i : i + batch_size]
            yield x[idx], y[idx]


def test_loader_gives_the_same_batches_as_advanced_indexing():
    x, y = torch.rand(1000, 784), torch.rand(1000, 1)
    loader = TensorLoader(x, y, 256, shuffle=True, generator=torch.Generator().manual_seed(3))
    new = [batch for _ in range(3) for batch in loader]
    old = list(old_batches(x, y, 256, torch.Generator().manual_seed(3), 3))
    assert len(new) == len(old) == 12
    for (xb, yb), (xo, yo) in zip(new, old):
        assert torch.equal(xb, xo) and torch.equal(yb, yo)
        assert xb.is_contiguous() and xb.data_ptr() != x.data_ptr()  # a batch of its own


def test_make_loaders_orders_and_validation_batches_are_unchanged():
    x, y = torch.rand(300, 4), torch.arange(300)
    dls = make_loaders(x, y, x[:70], y[:70], batch_size=32, seed=5)
    old = list(old_batches(x, y, 32, torch.Generator().manual_seed(5), 1))
    assert all(torch.equal(a[1], b[1]) for a, b in zip(dls.train, old))
    assert [len(yb) for _, yb in dls.valid] == [32, 32, 6]
    assert torch.equal(torch.cat([yb for _, yb in dls.valid]), y[:70])


def book_train_epoch(model, lr, params, dl):
    """The book's ``train_epoch``, as printed."""
    for xb, yb in dl:
        linear.calc_grad(xb, yb, model)
        for p in params:
            p.data -= p.grad * lr
            p.grad.zero_()


def seeded_linear(seed=0):
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(784, 1, generator=g).requires_grad_()
    b = torch.randn(1, generator=g).requires_grad_()
    batches = [
        (torch.rand(64, 784, generator=g), (torch.rand(64, 1, generator=g) > 0.5).float())
        for _ in range(5)
    ]
    return w, b, batches


def test_train_epoch_steps_exactly_like_the_books_loop():
    w1, b1, batches = seeded_linear()
    w2, b2, _ = seeded_linear()
    linear.train_epoch(lambda xb: linear.linear1(xb, w1, b1), 1.0, (w1, b1), batches)
    book_train_epoch(lambda xb: linear.linear1(xb, w2, b2), 1.0, (w2, b2), batches)
    assert torch.equal(w1, w2) and torch.equal(b1, b2)
    assert torch.count_nonzero(w1.grad) == 0 and torch.count_nonzero(b1.grad) == 0


@pytest.mark.parametrize("params", ["twice", "generator"])
def test_train_epoch_keeps_the_loops_meaning_for_odd_params(params):
    w1, b1, batches = seeded_linear()
    w2, b2, _ = seeded_linear()

    def given(w, b):
        return (w, b, w) if params == "twice" else (p for p in (w, b))

    linear.train_epoch(lambda xb: linear.linear1(xb, w1, b1), 0.5, given(w1, b1), batches)
    book_train_epoch(lambda xb: linear.linear1(xb, w2, b2), 0.5, given(w2, b2), batches)
    assert torch.equal(w1, w2) and torch.equal(b1, b2)


def test_basic_optim_steps_exactly_like_the_books_loop():
    torch.manual_seed(0)
    params = [torch.randn(30, 784, requires_grad=True), torch.randn(30, requires_grad=True)]
    copies = [p.detach().clone().requires_grad_() for p in params]
    for p, c in zip(params, copies):
        p.grad = torch.randn_like(p)
        c.grad = p.grad.clone()
    linear.BasicOptim(params, 0.1).step()
    for c in copies:
        c.data -= c.grad.data * 0.1
    assert all(torch.equal(p, c) for p, c in zip(params, copies))
    assert params[0]._version == 0  # stepped through .data, outside autograd, like the book


def test_basic_optim_without_a_gradient_fails_as_the_book_does():
    p = torch.zeros(3, requires_grad=True)
    with pytest.raises(AttributeError):
        linear.BasicOptim([p], 0.1).step()


def test_cross_entropy_gives_the_numbers_of_range_indexing():
    torch.manual_seed(1)
    logits, targets = (torch.randn(64, 10) * 4).requires_grad_(), torch.randint(0, 10, (64,))
    ours = multiclass.cross_entropy(logits, targets)
    ours.backward()
    grad, logits.grad = logits.grad.clone(), None
    book = -multiclass.log_softmax(logits)[torch.arange(64), targets].mean()
    book.backward()
    assert torch.equal(ours, book) and torch.equal(grad, logits.grad)


def test_threes_sevens_matches_three_copies():
    g = torch.Generator().manual_seed(0)
    labels = torch.tensor([3, 7, 3, 3, 7, 7, 3])
    ds = SimpleNamespace(
        train_x=torch.rand(7, 28, 28, generator=g),
        train_y=labels,
        valid_x=torch.rand(7, 28, 28, generator=g),
        valid_y=labels.flip(0),
    )
    got = threes_sevens(ds, torch.device("cpu"))
    for x, y, gx, gy in ((ds.train_x, ds.train_y, *got[:2]), (ds.valid_x, ds.valid_y, *got[2:])):
        threes, sevens = x[y == 3], x[y == 7]
        assert torch.equal(gx, torch.cat([threes, sevens]).view(-1, 28 * 28))
        assert torch.equal(gy, torch.tensor([1.0] * len(threes) + [0.0] * len(sevens))[:, None])


def test_rows_of_is_a_view_where_the_rows_are_consecutive():
    x = torch.rand(6, 2, 2)
    sorted_labels, mixed = torch.tensor([3, 3, 3, 7, 7, 7]), torch.tensor([3, 7, 3, 7, 3, 7])
    view = rows_of(x, sorted_labels, 7)
    assert torch.equal(view, x[sorted_labels == 7]) and view.data_ptr() != x.data_ptr()
    assert view.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    assert torch.equal(rows_of(x, mixed, 7), x[mixed == 7])
    assert rows_of(x, sorted_labels, 5).shape == (0, 2, 2)


def test_cpu_threads_sets_and_restores_the_count():
    before = torch.get_num_threads()
    with cpu_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    with cpu_threads(None):
        assert torch.get_num_threads() == before


def test_stages_run_on_the_contexts_threads():
    seen = []

    @on_ctx_threads
    def stage(ctx):
        seen.append(torch.get_num_threads())

    before = torch.get_num_threads()
    stage(Context(device=torch.device("cpu"), threads=1))
    stage(Context(device=torch.device("cpu"), threads=None))
    assert seen == [1, before] and torch.get_num_threads() == before


def test_one_thread_or_two_give_the_same_training():
    g = torch.Generator().manual_seed(0)
    x, y = torch.rand(2000, 784, generator=g), (torch.rand(2000, 1, generator=g) > 0.5).float()
    histories = []
    for threads in (1, 2):
        with cpu_threads(threads):
            torch.manual_seed(0)
            params = [linear.init_params((784, 30), 0.1), linear.init_params(30, 0.1)]
            params += [linear.init_params((30, 1), 0.1), linear.init_params(1, 0.1)]
            dls = make_loaders(x[:1500], y[:1500], x[1500:], y[1500:], batch_size=256)

            def model(xb, params=params):
                return (xb @ params[0] + params[1]).relu() @ params[2] + params[3]

            history = linear.train_model(model, 3, 0.1, params, dls.train, dls.valid)
            histories.append((history, [p.detach().clone() for p in params]))
    assert histories[0][0] == histories[1][0]
    assert all(torch.equal(a, b) for a, b in zip(histories[0][1], histories[1][1]))


def test_context_arranges_each_dataset_once():
    ds = SimpleNamespace(
        train_x=torch.rand(4, 28, 28),
        train_y=torch.tensor([3, 7, 3, 7]),
        valid_x=torch.rand(2, 28, 28),
        valid_y=torch.tensor([7, 3]),
    )
    ctx = Context(device=torch.device("cpu"), announce=lambda s: None)
    ctx._datasets["mnist_sample"] = ds  # as if loaded
    first = ctx.arranged("mnist_sample", threes_sevens)
    assert ctx.arranged("mnist_sample", threes_sevens) is first
    assert torch.equal(first[1].squeeze(1), torch.tensor([1.0, 1.0, 0.0, 0.0]))


@pytest.mark.parametrize(
    "ours,book",
    [
        (similarity.mnist_distance, lambda a, b: (a - b).abs().mean((-1, -2))),
        (similarity.rmse_distance, lambda a, b: ((a - b) ** 2).mean((-1, -2)).sqrt()),
    ],
)
def test_distances_in_place_give_the_books_numbers_and_gradients(ours, book):
    g = torch.Generator().manual_seed(2)
    a = torch.rand(9, 28, 28, generator=g).requires_grad_()
    b = torch.rand(28, 28, generator=g).requires_grad_()
    got = ours(a, b)
    got.sum().backward()
    grads = a.grad.clone(), b.grad.clone()
    a.grad = b.grad = None
    expected = book(a, b)
    expected.sum().backward()
    assert torch.equal(got, expected)
    assert torch.equal(grads[0], a.grad) and torch.equal(grads[1], b.grad)


@pytest.mark.parametrize("order", ["sorted", "mixed"])
@pytest.mark.parametrize("stage", ["pixel_similarity_l1", "pixel_similarity_rmse"])
def test_pixel_similarity_on_the_arranged_tensors_is_the_books_bit_for_bit(order, stage):
    """The stage reads the 3s and 7s from ``threes_sevens`` (shared with the training stages):
    the same means, distances and accuracies as the book's masked copies of the loaded images."""
    g = torch.Generator().manual_seed(4)
    labels = torch.tensor([3] * 40 + [7] * 50)
    if order == "mixed":
        labels = labels[torch.randperm(90, generator=g)]
    ds = SimpleNamespace(
        train_x=torch.rand(90, 28, 28, generator=g),
        train_y=labels,
        valid_x=torch.rand(90, 28, 28, generator=g),
        valid_y=labels.flip(0),
    )
    ctx = Context(device=torch.device("cpu"), announce=lambda s: None)
    ctx._datasets["mnist_sample"] = ds  # as if loaded
    outcome = STAGES_BY_NAME[stage].run(ctx)
    distance = similarity.mnist_distance if stage.endswith("l1") else similarity.rmse_distance
    mean3, mean7 = ds.train_x[ds.train_y == 3].mean(0), ds.train_x[ds.train_y == 7].mean(0)
    valid_3, valid_7 = ds.valid_x[ds.valid_y == 3], ds.valid_x[ds.valid_y == 7]
    acc_3 = (distance(valid_3, mean3) < distance(valid_3, mean7)).float().mean().item()
    acc_7 = (1 - (distance(valid_7, mean3) < distance(valid_7, mean7)).float()).mean().item()
    assert torch.equal(outcome.model[0], mean3) and torch.equal(outcome.model[1], mean7)
    assert outcome.accuracy == (acc_3 + acc_7) / 2
    assert outcome.details == {"accuracy_3": round(acc_3, 4), "accuracy_7": round(acc_7, 4)}


def test_pixel_similarity_keeps_the_process_threads_and_its_numbers_on_one_or_two(monkeypatch):
    """The stages that only read data run on the process's threads (memory bandwidth grows with
    the cores that read), and one thread or two give the same means and accuracy bit for bit, at
    the chapter's sizes (a reduction over 6000 images is split between threads)."""
    g = torch.Generator().manual_seed(5)
    labels = torch.tensor([3] * 6000 + [7] * 6000)
    ds = SimpleNamespace(
        train_x=torch.rand(12000, 28, 28, generator=g),
        train_y=labels,
        valid_x=torch.rand(2000, 28, 28, generator=g),
        valid_y=labels[::6],
    )
    outcomes, seen = [], []
    mean_image = similarity.mean_image

    def watched(stacked):
        seen.append(torch.get_num_threads())
        return mean_image(stacked)

    monkeypatch.setattr(similarity, "mean_image", watched)
    for threads in (1, 2):
        ctx = Context(device=torch.device("cpu"), announce=lambda s: None, threads=1)
        ctx._datasets["mnist_sample"] = ds  # as if loaded
        with cpu_threads(threads):
            ctx.arranged("mnist_sample", threes_sevens)
            outcomes.append(STAGES_BY_NAME["pixel_similarity_l1"].run(ctx))
            assert torch.get_num_threads() == threads  # the stage changed nothing
    assert seen == [1, 1, 2, 2]  # ctx.threads is 1: only a training stage would use it
    one, two = outcomes
    assert one.accuracy == two.accuracy
    assert all(torch.equal(a, b) for a, b in zip(one.model, two.model))


@pytest.mark.parametrize("stage", ["ten_nearest_mean_mse", "ten_nearest_mean_l1"])
def test_nearest_mean_gives_the_same_numbers_on_one_thread_or_two(stage):
    """The other stage that keeps the process's threads: the same mean images and accuracy."""
    g = torch.Generator().manual_seed(6)
    ds = SimpleNamespace(
        train_x=torch.rand(8000, 28, 28, generator=g),
        train_y=torch.arange(8000) % 10,
        valid_x=torch.rand(1500, 28, 28, generator=g),
        valid_y=torch.arange(1500) % 10,
    )
    outcomes = []
    for threads in (1, 2):
        ctx = Context(device=torch.device("cpu"), announce=lambda s: None)
        ctx._datasets["mnist"] = ds  # as if loaded
        with cpu_threads(threads):
            outcomes.append(STAGES_BY_NAME[stage].run(ctx))
    assert outcomes[0].accuracy == outcomes[1].accuracy
    assert torch.equal(outcomes[0].model, outcomes[1].model)


@pytest.mark.parametrize(
    "sizes,batch,loss",
    [((784, 30, 1), 256, "mnist"), ((784, 30, 10), 64, "ce"), ((784, 128, 10), 64, "ce")],
)
def test_first_layer_by_rows_trains_bit_for_bit_like_nn_linear(sizes, batch, loss):
    """The stages' first layer computed as ``(b + W @ x.T).T`` gives nn.Linear's numbers exactly:
    the same parameters after training, the same accuracies after every epoch."""
    g = torch.Generator().manual_seed(2)
    x = torch.rand(700, 784, generator=g)
    y = (
        (torch.rand(700, 1, generator=g) > 0.5).float()
        if sizes[-1] == 1
        else torch.randint(0, 10, (700,), generator=g)
    )
    loss_func, metric = (
        (linear.mnist_loss, linear.batch_accuracy)
        if loss == "mnist"
        else (multiclass.cross_entropy, multiclass.multiclass_accuracy)
    )
    runs = []
    for fast in (False, True):
        torch.manual_seed(0)
        model = make_simple_net(sizes[0], sizes[1], sizes[2])
        if fast:
            first_layer_by_rows(model, torch.device("cpu"))
            assert type(model[0]) is torch.nn.Linear and "forward" in vars(model[0])
        dls = make_loaders(x[:500], y[:500], x[500:], y[500:], batch_size=batch, seed=1)
        history = Learner(dls, model, loss_func=loss_func, metric=metric).fit(3, 0.1)
        runs.append((history, [p.detach().clone() for p in model.parameters()]))
    assert runs[0][0] == runs[1][0]
    assert all(torch.equal(a, b) for a, b in zip(runs[0][1], runs[1][1]))


def test_first_layer_by_rows_leaves_other_models_and_devices_alone():
    model = make_simple_net()
    assert "forward" not in vars(first_layer_by_rows(model, torch.device("meta"))[0])
    plain = torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Linear(4, 2))
    first_layer_by_rows(plain, torch.device("cpu"))
    assert all("forward" not in vars(m) for m in plain)
