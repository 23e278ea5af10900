"""The NLP core: spaCy plus the project's components. Import submodules lazily; spaCy is heavy."""
