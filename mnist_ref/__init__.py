"""Reference implementation of chapter 4 of the fast.ai book, "MNIST basics".

Each module holds one step of the chapter, with the book's names and argument order but every
dependency passed explicitly (no notebook globals):

- :mod:`mnist_ref.data`: finding and loading MNIST in fastai's folder layout, offline when it must be;
- :mod:`mnist_ref.similarity`: pixel similarity (mean images, L1 and RMSE distances);
- :mod:`mnist_ref.linear`: the linear model trained with SGD from scratch;
- :mod:`mnist_ref.simple_net`: the two-layer ReLU network;
- :mod:`mnist_ref.multiclass`: softmax and cross-entropy for all ten digits;
- :mod:`mnist_ref.learner`: a ``Learner`` written from scratch;
- :mod:`mnist_ref.book_fastai`: the book's own fastai ``Learner`` and ``resnet18`` paths (imports fastai);
- :mod:`mnist_ref.stages` and :mod:`mnist_ref.cli`: ``mnist-ref run``, the whole chapter end to end.

Importing this package is cheap: nothing here imports fastai until a fastai stage runs.
"""

__version__ = "0.1.0"
