// Series Prometheus itself writes for every scrape target (they come with no exporter).
// https://prometheus.io/docs/concepts/jobs_instances/#automatically-generated-labels-and-time-series
import { gauge, registry } from '../dsl/index.ts';

export const prometheusScrape = registry({
  name: 'prometheus-scrape',
  // Our scrape configs use Kubernetes service discovery and copy the namespace onto every target.
  targetLabels: ['job', 'instance', 'namespace'],
  metrics: {
    up: gauge({ help: '1 if the target was scraped successfully, 0 if the scrape failed.' }),
    scrape_duration_seconds: gauge({ help: 'How long the scrape took.', unit: 'seconds' }),
    scrape_samples_scraped: gauge({ help: 'Samples the target exposed.' }),
    scrape_samples_post_metric_relabeling: gauge({ help: 'Samples left after metric relabelling.' }),
    scrape_series_added: gauge({ help: 'Approximate number of new series in this scrape.' }),
  },
});
