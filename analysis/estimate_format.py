"""Numbers with no more digits than their uncertainty supports: a port of
sim/stats/estimate.cpp (`withUncertainty`, `formatEstimate`), so that the report prints a
replicated figure exactly as tsunagu's terminal output does ("0.168 ± 0.002")."""

import math


def _places(uncertainty):
    """Decimal places that show the first significant digit of `uncertainty` (none from 10 up,
    at most 9; 3 when it is zero or not finite)."""
    if not uncertainty > 0 or not math.isfinite(uncertainty):
        return 3
    return min(max(-math.floor(math.log10(uncertainty)), 0), 9)


def _round_half_away(x):
    return math.copysign(math.floor(abs(x) + 0.5), x)


def _rounded(value, uncertainty):
    """From 10 up the value is rounded to the uncertainty's first digit too (1234 ± 30 -> 1230)."""
    if not uncertainty >= 10 or not math.isfinite(uncertainty):
        return value
    unit = 10.0 ** math.floor(math.log10(uncertainty))
    return _round_half_away(value / unit) * unit


def with_uncertainty(value, uncertainty):
    """`value` rounded to the decimal place of the first significant digit of `uncertainty`."""
    value = float(value)
    if not math.isfinite(value):
        return "inf" if value > 0 else "-inf" if value < 0 else "nan"
    return f"{_rounded(value, uncertainty):.{_places(uncertainty)}f}"


def format_estimate(mean, half_width):
    """"0.168 ± 0.002": the half-width to one significant digit, the mean to the same place;
    "± ?" for an unknown (infinite) half-width, "± 0" when the replications agree to rounding."""
    mean, half_width = float(mean), float(half_width)
    if not math.isfinite(half_width):
        return with_uncertainty(mean, 0) + " ± ?"
    if half_width <= 1e-9 * abs(mean):
        return with_uncertainty(mean, 1e-3 * abs(mean)) + " ± 0"
    places = _places(half_width)
    return (f"{_rounded(mean, half_width):.{places}f} ± "
            f"{_rounded(half_width, half_width):.{places}f}")
