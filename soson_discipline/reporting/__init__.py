"""Monitoring and periodic reporting: the figures a Periodic Report compiles, the workspace's number
cards and charts, and the scheduled drafting of due reports."""
