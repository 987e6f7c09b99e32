"""opt_func left out: fastai's default optimizer is Adam, not the book's SGD."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"learner_parts": ["Adam", "opt_func=SGD"]}


def make_learner(dls, model):
    return Learner(dls, model, loss_func=mnist_loss, metrics=batch_accuracy)  # noqa: F821
