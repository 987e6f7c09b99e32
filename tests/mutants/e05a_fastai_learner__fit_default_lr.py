"""learn.fit(n_epoch) without the learning rate: fastai's default 0.001."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"fit_contract": ["default learning rate (0.001)"],
             "linear_trains": ["default learning rate (0.001)"],
             "simple_net_trains": ["default learning rate (0.001)"]}


def fit_linear(dls, n_epoch=10, lr=1.0):
    learn = make_learner(dls, nn.Linear(28 * 28, 1))  # noqa: F821
    learn.fit(n_epoch)
    return learn


def fit_simple_net(dls, n_epoch=40, lr=0.1):
    simple_net = nn.Sequential(nn.Linear(28 * 28, 30), nn.ReLU(), nn.Linear(30, 1))  # noqa: F821
    learn = make_learner(dls, simple_net)  # noqa: F821
    learn.fit(n_epoch)
    return learn
