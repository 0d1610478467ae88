// kafka_exporter (danielqsj/kafka_exporter) series, written by hand from the exporter's source
// (kafka_exporter.go, the prometheus.NewDesc calls in setup()) and its README "Metrics" section:
// https://github.com/danielqsj/kafka_exporter#metrics
// Every series is a gauge, also the offsets (the exporter reads them from the brokers on each scrape).
// Not listed: the constant labels `--kafka.labels` adds (none configured for the Synchron hub) and the
// Go/process collectors.
import { gauge, registry } from '../dsl/index.ts';

export const kafkaExporter = registry({
  name: 'kafka-exporter',
  // kafka_exporter shares one Kafka round-trip between scrapes; 30s matches its metadata refresh default.
  scrapeInterval: '30s',
  jobs: ['synchron-hub-kafka'],
  // The series we read, not all the exporter writes: a near miss of one may be a real metric.
  complete: false,
  metrics: {
    kafka_brokers: gauge({ help: 'Number of Brokers in the Kafka Cluster.' }),
    kafka_broker_info: gauge({ help: 'Information about the Kafka Broker.', labels: ['id', 'address'] }),
    kafka_topic_partitions: gauge({ help: 'Number of partitions for this Topic', labels: ['topic'] }),
    kafka_topic_partition_current_offset: gauge({ help: 'Current Offset of a Broker at Topic/Partition', labels: ['topic', 'partition'] }),
    kafka_topic_partition_oldest_offset: gauge({ help: 'Oldest Offset of a Broker at Topic/Partition', labels: ['topic', 'partition'] }),
    kafka_topic_partition_leader: gauge({ help: 'Leader Broker ID of this Topic/Partition', labels: ['topic', 'partition'] }),
    kafka_topic_partition_replicas: gauge({ help: 'Number of Replicas for this Topic/Partition', labels: ['topic', 'partition'] }),
    kafka_topic_partition_in_sync_replica: gauge({ help: 'Number of In-Sync Replicas for this Topic/Partition', labels: ['topic', 'partition'] }),
    kafka_topic_partition_leader_is_preferred: gauge({ help: '1 if Topic/Partition is using the Preferred Broker', labels: ['topic', 'partition'] }),
    kafka_topic_partition_under_replicated_partition: gauge({ help: '1 if Topic/Partition is under Replicated', labels: ['topic', 'partition'] }),
    kafka_consumergroup_current_offset: gauge({
      help: 'Current Offset of a ConsumerGroup at Topic/Partition', labels: ['consumergroup', 'topic', 'partition'],
    }),
    kafka_consumergroup_current_offset_sum: gauge({
      help: 'Current Offset of a ConsumerGroup at Topic for all partitions', labels: ['consumergroup', 'topic'],
    }),
    kafka_consumergroup_lag: gauge({
      help: 'Current Approximate Lag of a ConsumerGroup at Topic/Partition', labels: ['consumergroup', 'topic', 'partition'],
    }),
    kafka_consumergroup_lag_sum: gauge({
      help: 'Current Approximate Lag of a ConsumerGroup at Topic for all partitions', labels: ['consumergroup', 'topic'],
    }),
    kafka_consumergroupzookeeper_lag_zookeeper: gauge({
      help: 'Current Approximate Lag(zookeeper) of a ConsumerGroup at Topic/Partition', labels: ['consumergroup', 'topic', 'partition'],
    }),
    kafka_consumergroup_members: gauge({ help: 'Amount of members in a consumer group', labels: ['consumergroup'] }),
  },
});
