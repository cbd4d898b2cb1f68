package io.jifen.events;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's own tables ({@code outbox}, {@code processed_event}), migrated by its own Flyway run from
 * {@value #LOCATION} with its own history table {@value #HISTORY}: its versions never meet a service's
 * {@code db/migration} versions, and a service upgrades the library without writing a migration.
 */
final class EventsSchema {

    static final String LOCATION = "classpath:db/events";
    static final String HISTORY = "jifen_events_schema_history";

    private static final Logger log = LoggerFactory.getLogger(EventsSchema.class);

    private EventsSchema() {
    }

    static EventsSchema migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY)
                // The service's own migrations have normally run first, and Flyway refuses a non-empty schema that
                // lacks its history table unless it may baseline. Version 0 comes before every version of ours.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Migrated the event tables to version {}", result.targetSchemaVersion);
        }
        return new EventsSchema();
    }
}
