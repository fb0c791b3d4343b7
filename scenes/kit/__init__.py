"""What every scene shares: colours, captions, narration."""
