"""The lecture scenes; each module holds one scene. Shared look and narration: scenes.kit."""
