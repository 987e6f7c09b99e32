"""The chapter's questionnaire: the catalogue of questions read from ``solutions/questionnaire.yaml``
(:mod:`.catalogue`) and a learner's self-marked progress through it (:mod:`.progress`)."""
