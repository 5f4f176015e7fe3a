"""The demo journal: its texts, people, manuscripts and back issues (seed_demo)."""
