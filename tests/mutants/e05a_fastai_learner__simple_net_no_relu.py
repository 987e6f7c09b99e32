"""simple_net without its ReLU: two linear layers in a row, one linear layer."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"fit_contract": ["ReLU is missing"], "simple_net_trains": ["ReLU is missing"]}


def fit_simple_net(dls, n_epoch=40, lr=0.1):
    simple_net = nn.Sequential(nn.Linear(28 * 28, 30), nn.Linear(30, 1))  # noqa: F821
    learn = make_learner(dls, simple_net)  # noqa: F821
    learn.fit(n_epoch, lr)
    return learn
