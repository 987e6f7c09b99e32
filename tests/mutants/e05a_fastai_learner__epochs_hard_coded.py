"""fit_linear always trains the chapter's 10 epochs: n_epoch is ignored."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"fit_contract": ["n_epoch is ignored"]}


def fit_linear(dls, n_epoch=10, lr=1.0):
    learn = make_learner(dls, nn.Linear(28 * 28, 1))  # noqa: F821
    learn.fit(10, lr=lr)
    return learn
