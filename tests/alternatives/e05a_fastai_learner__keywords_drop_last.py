"""fastai's own keyword bs= and the training loader's last short batch dropped, the Learner's
arguments by keyword in another order, and fit_simple_net building its own Learner."""

EXERCISE = "e05a_fastai_learner"


def make_dls(train_x, train_y, valid_x, valid_y, bs=256):
    dl = DataLoader(list(zip(train_x, train_y)), bs=bs, shuffle=True, drop_last=True)  # noqa: F821
    return DataLoaders(dl, DataLoader(list(zip(valid_x, valid_y)), bs=bs))  # noqa: F821


def make_learner(dls, model):
    return Learner(dls=dls, model=model, metrics=batch_accuracy, loss_func=mnist_loss,  # noqa: F821
                   opt_func=SGD)  # noqa: F821


def fit_simple_net(dls, n_epoch=40, lr=0.1):
    model = nn.Sequential(nn.Linear(784, 30), nn.ReLU(inplace=True), nn.Linear(30, 1))  # noqa: F821
    learn = Learner(dls, model, opt_func=SGD, loss_func=mnist_loss,  # noqa: F821
                    metrics=batch_accuracy)  # noqa: F821
    learn.fit(n_epoch, lr=lr)
    return learn
