"""What the scenes draw, as named mobjects built from a scene's plan and the shared style.

Each part takes what it shows as arguments (a run, a model, texts already recorded as shown) and
its layout as keyword parameters, so a scene class reads as its storyboard and each part can be
tested without rendering a frame.
"""
