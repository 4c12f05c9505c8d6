"""Packages for setuptools: every ``orgdesigner`` package, plus the top-level
``resources/`` folder shipped inside the wheel as ``orgdesigner/resources``."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["orgdesigner", "orgdesigner.*"]), "orgdesigner.resources"],
    package_dir={"orgdesigner.resources": "resources"},
    package_data={"orgdesigner.resources": ["*", "**/*"]},
    include_package_data=True,
)
