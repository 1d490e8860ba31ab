"""The hall scoreboard (大屏 / 电子班牌): a public page of this week's red flags and the classes'
standings of the week, switched on by the school in Class Teacher Appraisal Settings (board.py;
the page is www/scoreboard.html)."""
