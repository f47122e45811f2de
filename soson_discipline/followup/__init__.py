"""Follow-up of a campaign as Plan 154-KH/HU runs it (issue 15): consulting the specialised bodies on
new and difficult work (`consultations`), urging overdue work (`urging`), the Standing Committee's side
of the periodic reports — receipt and conclusions that become tasks (`conclusions`) — and the chain of
everything a directive set going (`chain`). Daily entry point: `jobs`."""
