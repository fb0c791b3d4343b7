"""A small scene drawn twice: each frame redrawing what manim redraws, and what scenes.kit.drawing keeps.

``LECTURE_DRAWING=all`` gives manim's own list. The scene has what the lectures have: a caption band
on top (z 100) far from what moves, a label a dot walks across, a line the dot's path crosses with
a label drawn over that line away from the path, a group faded in, a transform, and a wait.
"""

import os

from manim import (DOWN, LEFT, Arrow, RIGHT, UP, Circle, Create, Dot, FadeIn, Line, MathTex, Scene, Square, Text,
                   Transform, VGroup, Write)

from scenes.kit.drawing import drawn_each_frame


class DrawnTwice(Scene):
    def get_moving_mobjects(self, *animations):
        moving = super().get_moving_mobjects(*animations)
        return moving if os.environ.get("LECTURE_DRAWING") == "all" else drawn_each_frame(self, animations, moving)

    def construct(self):
        caption = Text("a caption far below", font_size=28).to_edge(DOWN).set_z_index(100)
        crossed = Line(LEFT * 5 + UP, RIGHT * 5 + UP, color="#888888", stroke_width=6)
        over_line = MathTex(r"x_1", font_size=48).move_to(crossed.get_right() + LEFT * 0.4)  # drawn over the line
        walked = Text("walked over", font_size=30).move_to(UP * 1 + LEFT * 2)
        dot = Dot(LEFT * 4 + UP * 2, radius=0.12, color="#ffd166").set_z_index(5)
        # half-transparent, so a part drawn twice would show: the dot's way crosses the tip, not the shaft
        arrow = Arrow(RIGHT * 0.5 + UP * 3, RIGHT * 0.5 + UP * 1.9, buff=0, color="#ff6b6b").set_opacity(0.5)
        self.add(caption, arrow, dot)
        self.play(Create(crossed), FadeIn(walked), run_time=0.4)
        self.add(over_line)
        self.wait(0.3)  # a still frame: nothing animated, nothing to redraw
        self.play(dot.animate.move_to(RIGHT * 0.5 + UP * 1.8), run_time=0.6)
        self.play(dot.animate.move_to(LEFT * 1 + DOWN * 0.5), run_time=0.6)
        self.play(Write(MathTex(r"\beta", font_size=60).move_to(RIGHT * 3 + DOWN)), run_time=0.5)
        group = VGroup(Square(0.8).move_to(RIGHT * 4 + UP * 2.5), Circle(0.3).move_to(LEFT * 5 + UP * 2.5))
        self.play(FadeIn(group, shift=DOWN * 0.5), dot.animate.shift(RIGHT * 2), run_time=0.5)
        self.play(Transform(walked, Text("and changed", font_size=30).move_to(DOWN * 2)), run_time=0.5)
