"""The checks, one module per exercise, named by the exercise's stem (``e03_mnist_loss``), plus
what they share (:mod:`.common`, :mod:`.quiz_plots`); :mod:`.registry` finds them by stem."""
