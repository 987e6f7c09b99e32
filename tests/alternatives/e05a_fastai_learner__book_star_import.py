"""The book's lines as printed, with its star import and its own mnist_loss and batch_accuracy
(the training loader shuffled, as the exercise asks), metrics as a list, lr by keyword."""
from fastai.vision.all import *  # noqa: F403

EXERCISE = "e05a_fastai_learner"


def mnist_loss(predictions, targets):
    predictions = predictions.sigmoid()
    return torch.where(targets==1, 1-predictions, predictions).mean()  # noqa: F405


def batch_accuracy(xb, yb):
    preds = xb.sigmoid()
    correct = (preds>0.5) == yb
    return correct.float().mean()


def make_dls(train_x, train_y, valid_x, valid_y, bs=256):
    dset = list(zip(train_x,train_y))
    valid_dset = list(zip(valid_x,valid_y))
    dl = DataLoader(dset, batch_size=bs, shuffle=True)  # noqa: F405
    valid_dl = DataLoader(valid_dset, batch_size=bs)  # noqa: F405
    dls = DataLoaders(dl, valid_dl)  # noqa: F405
    return dls


def make_learner(dls, model):
    learn = Learner(dls, model, opt_func=SGD,  # noqa: F405
                    loss_func=mnist_loss, metrics=[batch_accuracy])
    return learn


def fit_linear(dls, n_epoch=10, lr=1.0):
    learn = make_learner(dls, nn.Linear(28*28,1))  # noqa: F405
    learn.fit(n_epoch, lr=lr)
    return learn


def fit_simple_net(dls, n_epoch=40, lr=0.1):
    simple_net = nn.Sequential(  # noqa: F405
        nn.Linear(28*28,30),  # noqa: F405
        nn.ReLU(),  # noqa: F405
        nn.Linear(30,1)  # noqa: F405
    )
    learn = make_learner(dls, simple_net)
    learn.fit(n_epoch, lr)
    return learn
