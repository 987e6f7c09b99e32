"""The loss and the metric swapped: accuracy as the loss."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"learner_parts": ["accuracy cannot be the loss"]}


def make_learner(dls, model):
    return Learner(dls, model, opt_func=SGD, loss_func=batch_accuracy,  # noqa: F821
                   metrics=mnist_loss)  # noqa: F821
