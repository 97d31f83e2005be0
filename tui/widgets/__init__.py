"""Reusable widgets: the turn banner, the countdown and the step views."""
