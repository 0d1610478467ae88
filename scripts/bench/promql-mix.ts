/**
 * A realistic mix of PromQL expressions, as teams write them in alerting and recording rules and in
 * Grafana dashboards: node_exporter, kube-state-metrics / cAdvisor, HTTP RED metrics, histograms,
 * vector matching, subqueries, absent, label_replace, offsets, predict_linear, topk.
 *
 * Every expression is valid for Prometheus 2.42 and for 3.x (no 3.x-only syntax such as numeric
 * durations or quoted names, no removed functions such as holt_winters, no experimental functions),
 * so the same mix can be checked with either target. Lengths average about 100 characters.
 */
export const PROMQL_MIX: readonly string[] = [
  // --- HTTP RED (requests, errors, duration) ---------------------------------------------------
  'sum by (job) (rate(http_requests_total[5m]))',
  'sum by (service) (rate(http_requests_total{status=~"5.."}[5m])) / sum by (service) (rate(http_requests_total[5m]))',
  'sum(rate(http_requests_total{job="api-gateway", code!~"2..|3.."}[1m])) / sum(rate(http_requests_total{job="api-gateway"}[1m])) > 0.05',
  'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))',
  'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="payments", handler!="/healthz"}[10m]))) > 0.5',
  'sum(rate(http_request_duration_seconds_sum[5m])) by (handler) / sum(rate(http_request_duration_seconds_count[5m])) by (handler)',
  'sum(rate(http_request_duration_seconds_bucket{le="0.3"}[5m])) by (job) / sum(rate(http_request_duration_seconds_count[5m])) by (job)',
  'topk(10, sum by (route) (rate(http_requests_total{namespace="shop"}[5m])))',
  'sum(increase(http_requests_total{code=~"5.."}[1h])) by (service) / ignoring(code) group_left sum(increase(http_requests_total[1h])) by (service)',
  '1 - (sum(rate(grpc_server_handled_total{grpc_code!="OK", grpc_service="orders.v1.Orders"}[5m])) / sum(rate(grpc_server_handled_total{grpc_service="orders.v1.Orders"}[5m])))',
  'histogram_quantile(0.5, sum(rate(grpc_server_handling_seconds_bucket{grpc_type="unary"}[5m])) by (le, grpc_method))',
  // --- SLO burn rates (recording-rule style names with colons) --------------------------------
  'sum(rate(http_requests_total{job="api",code=~"5.."}[1h])) / sum(rate(http_requests_total{job="api"}[1h])) > (14.4 * (1 - 0.999))',
  'job:slo_errors_per_request:ratio_rate1h{job="api"} > (14.4 * 0.001) and job:slo_errors_per_request:ratio_rate5m{job="api"} > (14.4 * 0.001)',
  'sum_over_time(job:http_requests_errors:rate5m[30d]) / sum_over_time(job:http_requests_total:rate5m[30d])',
  // --- node_exporter ----------------------------------------------------------------------------
  '100 - (avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100)',
  'sum by (instance, mode) (irate(node_cpu_seconds_total{mode!="idle", job="node"}[2m])) / on(instance) group_left count by (instance) (node_cpu_seconds_total{mode="idle"})',
  '(1 - node_memory_MemAvailable_bytes{job="node"} / node_memory_MemTotal_bytes{job="node"}) * 100 > 90',
  '(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs", mountpoint="/"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs", mountpoint="/"}) * 100 < 10',
  'predict_linear(node_filesystem_avail_bytes{fstype!~"tmpfs|fuse.lxcfs", job="node"}[6h], 4 * 3600) < 0',
  'node_filesystem_readonly{fstype!~"tmpfs|overlay"} == 1 unless on(instance, device) node_filesystem_device_error == 1',
  'rate(node_network_receive_errs_total{device!~"lo|veth.+|docker.+"}[5m]) / rate(node_network_receive_packets_total[5m]) > 0.01',
  'sum by (instance) (rate(node_disk_io_time_seconds_total{device=~"(sd|nvme|vd)[a-z]+.*"}[5m])) > 0.9',
  'node_load15 / on(instance) count by (instance) (node_cpu_seconds_total{mode="system"}) > 2',
  'increase(node_vmstat_oom_kill[30m]) > 0',
  'time() - node_boot_time_seconds{job="node"} < 600',
  'node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0',
  'max_over_time(node_memory_MemAvailable_bytes[1h]) / min_over_time(node_memory_MemAvailable_bytes[1h] offset 1d)',
  'rate(node_network_transmit_bytes_total{device="eth0"}[5m]) * 8 / 1e6',
  // --- kube-state-metrics and cAdvisor -----------------------------------------------------------
  'sum by (namespace, pod) (kube_pod_status_phase{phase=~"Pending|Unknown|Failed"}) > 0',
  'increase(kube_pod_container_status_restarts_total{namespace=~"prod-.*"}[1h]) > 5',
  'kube_deployment_spec_replicas{job="kube-state-metrics"} != kube_deployment_status_replicas_available{job="kube-state-metrics"}',
  'sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{container!="", image!=""}[5m]))',
  'sum by (namespace, pod) (container_memory_working_set_bytes{container!="POD", container!=""}) / sum by (namespace, pod) (kube_pod_container_resource_limits{resource="memory"}) > 0.9',
  'sum(rate(container_cpu_cfs_throttled_periods_total[5m])) by (container, pod, namespace) / sum(rate(container_cpu_cfs_periods_total[5m])) by (container, pod, namespace) > 0.25',
  'kube_pod_container_status_waiting_reason{reason=~"CrashLoopBackOff|ImagePullBackOff|ErrImagePull"} == 1',
  'sum by (node) (kube_pod_info{node!=""}) / on(node) kube_node_status_allocatable{resource="pods"} > 0.95',
  'kube_node_status_condition{condition="Ready", status="true"} == 0',
  'kube_job_status_failed{namespace="batch"} > 0 unless on(job_name) kube_job_status_succeeded > 0',
  'kube_persistentvolumeclaim_resource_requests_storage_bytes * on(namespace, persistentvolumeclaim) group_left(storageclass) kube_persistentvolumeclaim_info',
  'sum by (namespace) (kube_resourcequota{type="used", resource="requests.cpu"}) / sum by (namespace) (kube_resourcequota{type="hard", resource="requests.cpu"})',
  'max by (namespace, pod) (kube_pod_owner{owner_kind="ReplicaSet"}) * on(namespace, pod) group_right kube_pod_labels{label_app!=""}',
  'count by (cluster) (kube_node_info) - count by (cluster) (kube_node_spec_unschedulable == 1)',
  // --- absent, label_replace, label_join --------------------------------------------------------
  'absent(up{job="kube-state-metrics"} == 1)',
  'absent_over_time(up{job="blackbox", instance=~"https://.*\\\\.example\\\\.com"}[15m])',
  'label_replace(rate(node_cpu_seconds_total{mode="user"}[5m]), "host", "$1", "instance", "([^:]+):\\\\d+")',
  'label_join(sum by (namespace, pod) (kube_pod_info), "ns_pod", "/", "namespace", "pod")',
  'count by (job) (up == 0) / count by (job) (up) > 0.5',
  // --- subqueries, offsets, comparisons over time ----------------------------------------------
  'max_over_time(sum by (service) (rate(http_requests_total[5m]))[1d:5m])',
  'avg_over_time((sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])))[30m:1m]) > 0.02',
  'sum(rate(http_requests_total[5m])) / sum(rate(http_requests_total[5m] offset 1w)) < 0.5',
  'max_over_time(deriv(sum by (queue) (rabbitmq_queue_messages_ready)[30m:])[10m:1m]) > 0',
  'quantile_over_time(0.95, sum by (instance) (rate(process_cpu_seconds_total[2m]))[6h:1m])',
  'changes(kube_pod_container_status_restarts_total[15m]) > 2 or resets(process_start_time_seconds[15m]) > 0',
  // --- dashboards: clamps, rounding, scalars, bool, misc functions --------------------------------
  'clamp_min(sum by (topic) (kafka_consumergroup_lag{consumergroup="billing"}), 0)',
  'round(sum(rate(nginx_ingress_controller_requests{ingress=~"web|api"}[2m])) by (ingress, status), 0.01)',
  'sort_desc(sum by (pod) (rate(container_network_receive_bytes_total{namespace="edge"}[5m])))',
  'bottomk(5, avg by (instance) (rate(redis_commands_processed_total[5m])))',
  'up{job=~"etcd|apiserver"} == bool 0',
  'scalar(sum(kube_node_status_allocatable{resource="cpu"})) - sum(kube_pod_container_resource_requests{resource="cpu"})',
  'vector(1) unless count(ALERTS{alertname="Watchdog", alertstate="firing"}) > 0',
  '(probe_ssl_earliest_cert_expiry{job="blackbox"} - time()) / 86400 < 14',
  'rate(pg_stat_database_xact_commit{datname!~"template.*"}[5m]) + rate(pg_stat_database_xact_rollback{datname!~"template.*"}[5m])',
  'count_values("version", kube_node_info{cluster="prod"}) by (kubelet_version)',
  'quantile(0.9, rate(process_cpu_seconds_total{job=~"prometheus|alertmanager"}[5m])) without (instance)',
  'stddev by (job) (rate(node_context_switches_total[10m])) / avg by (job) (rate(node_context_switches_total[10m]))',
];
