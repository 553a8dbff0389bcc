"""The report's figures. Each function takes loaded results (tsunagu_results.Results, or
Sizing / Failures / Sensitivity / Uncertainty for those kinds) and returns a matplotlib Figure; style.save
writes it as PNG and SVG."""

from figures.breaches import breach_timeline
from figures.costs import cost_comparison, cost_per_year
from figures.coverage import coverage, coverage_left_out
from figures.des import latency_cdf, queues, queues_caption, top_queues
from figures.failures import failed_transactions_bar
from figures.link_services import links_by_service
from figures.links import busiest_links, busiest_links_bar, busiest_week, utilisation_heatmap
from figures.replications import replicated_response
from figures.sensitivity import morris_plane, tornado
from figures.sizing import cost_performance_frontier, sizing_costs
from figures.uncertainty import breach_probability, load_fan, response_fan

__all__ = ["breach_probability", "breach_timeline", "busiest_links", "busiest_links_bar", "busiest_week",
           "cost_comparison", "cost_per_year", "cost_performance_frontier", "coverage",
           "coverage_left_out",
           "failed_transactions_bar", "latency_cdf", "links_by_service", "load_fan", "morris_plane", "queues",
           "queues_caption", "top_queues",
           "replicated_response", "response_fan", "sizing_costs", "tornado",
           "utilisation_heatmap"]
