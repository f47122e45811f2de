"""Monitoring and periodic reporting, one layer: which records count (`filters`: scope, units, dates
and links), the figures counted from them (`figures`, the only place a figure is computed), the
workspace's number cards and charts (`dashboard`), and the scheduled drafting of due reports
(`drafting`). The Periodic Report and the Script Reports take their figures from `figures`."""
