<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>AlertRules</name>
        <message>
            <source>Disk usage from df over SSH on the service's host</source>
            <translation>Festplattenbelegung per df über SSH auf dem Host des Dienstes</translation>
        </message>
        <message>
            <source>Memory usage from docker stats over SSH</source>
            <translation>Speicherbelegung per docker stats über SSH</translation>
        </message>
        <message>
            <source>Share of 5xx in http_requests_total from the service's /metrics</source>
            <translation>Anteil der 5xx an http_requests_total aus /metrics des Dienstes</translation>
        </message>
        <message>
            <source>p95 of http_request_duration_seconds from the service's /metrics</source>
            <translation>p95 von http_request_duration_seconds aus /metrics des Dienstes</translation>
        </message>
        <message>
            <source>The service's SLO endpoint (or its /metrics)</source>
            <translation>SLO-Endpunkt des Dienstes (oder dessen /metrics)</translation>
        </message>
        <message>
            <source>{service} is down</source>
            <translation>{service} ist ausgefallen</translation>
        </message>
        <message>
            <source>Health probe of the service (/api/health)</source>
            <translation>Health-Prüfung des Dienstes (/api/health)</translation>
        </message>
        <message>
            <source>{service} lost its database connection</source>
            <translation>{service} hat die Datenbankverbindung verloren</translation>
        </message>
        <message>
            <source>Database field of the service's health body</source>
            <translation>Datenbankfeld in der Health-Antwort des Dienstes</translation>
        </message>
        <message>
            <source>{service}: disk {value} % (over {threshold} %)</source>
            <translation>{service}: Festplatte {value} % (über {threshold} %)</translation>
        </message>
        <message>
            <source>{service}: memory {value} % (over {threshold} %)</source>
            <translation>{service}: Speicher {value} % (über {threshold} %)</translation>
        </message>
        <message>
            <source>{service}: error rate {value} % (over {threshold} %)</source>
            <translation>{service}: Fehlerquote {value} % (über {threshold} %)</translation>
        </message>
        <message>
            <source>{service}: trade executions failing ({value}/min)</source>
            <translation>{service}: Trade-Ausführungen schlagen fehl ({value}/min)</translation>
        </message>
        <message>
            <source>Rate of trades_failed_total from the service's /metrics</source>
            <translation>Rate von trades_failed_total aus /metrics des Dienstes</translation>
        </message>
        <message>
            <source>{service}: p95 latency {value} ms (over {threshold} ms)</source>
            <translation>{service}: p95-Latenz {value} ms (über {threshold} ms)</translation>
        </message>
        <message>
            <source>{service}: backup failed</source>
            <translation>{service}: Backup fehlgeschlagen</translation>
        </message>
        <message>
            <source>The latest run of the service's backup job (Backups view)</source>
            <translation>Letzter Lauf des Backup-Jobs des Dienstes (Ansicht Backups)</translation>
        </message>
        <message>
            <source>{service} health check failing</source>
            <translation>{service}: Health-Prüfung schlägt fehl</translation>
        </message>
        <message>
            <source>{service}: availability {value} % (target {threshold} %)</source>
            <translation>{service}: Verfügbarkeit {value} % (Ziel {threshold} %)</translation>
        </message>
        <message>
            <source>{service}: p95 latency {value} ms (target under {threshold} ms)</source>
            <translation>{service}: p95-Latenz {value} ms (Ziel unter {threshold} ms)</translation>
        </message>
        <message>
            <source>{service}: p99 latency {value} ms (target under {threshold} ms)</source>
            <translation>{service}: p99-Latenz {value} ms (Ziel unter {threshold} ms)</translation>
        </message>
        <message>
            <source>{service}: webhook success {value} % (target {threshold} %)</source>
            <translation>{service}: Webhook-Erfolg {value} % (Ziel {threshold} %)</translation>
        </message>
        <message>
            <source>{service}: security scan found {value} issues</source>
            <translation>{service}: Sicherheitsscan hat {value} Probleme gefunden</translation>
        </message>
        <message>
            <source>The latest security scan of the service</source>
            <translation>Letzter Sicherheitsscan des Dienstes</translation>
        </message>
        <message>
            <source>{service}: disaster-recovery verification failed</source>
            <translation>{service}: Prüfung der Notfallwiederherstellung fehlgeschlagen</translation>
        </message>
        <message>
            <source>dr_restore_check.py run from the Backups view</source>
            <translation>dr_restore_check.py, gestartet aus der Ansicht Backups</translation>
        </message>
        <message>
            <source>{service}: {value} payment reconciliation errors</source>
            <translation>{service}: {value} Fehler beim Zahlungsabgleich</translation>
        </message>
        <message>
            <source>Payment reconciliation of the service's payouts</source>
            <translation>Zahlungsabgleich der Auszahlungen des Dienstes</translation>
        </message>
    </context>
    <context>
        <name>AuditCommand</name>
        <message>
            <source>Usage: pilothouse-cli audit SUBCOMMAND [options]

Subcommands:
  verify [--database F] [--json] [--secret-stdin audit-seal-key]
                        check the hash chain and its seal
  export [--csv] [--database F] [--from ISO] [--to ISO]
                        print the records as CSV
</source>
            <translation>Aufruf: pilothouse-cli audit UNTERBEFEHL [Optionen]

Unterbefehle:
  verify [--database F] [--json] [--secret-stdin audit-seal-key]
                        Hash-Kette und Siegel prüfen
  export [--csv] [--database F] [--from ISO] [--to ISO]
                        Einträge als CSV ausgeben
</translation>
        </message>
        <message>
            <source>There is no Pilothouse database at %1. Name one with --database FILE.</source>
            <translation>Unter %1 gibt es keine Pilothouse-Datenbank. Geben Sie eine mit --database DATEI an.</translation>
        </message>
        <message>
            <source>audit verify reads only the seal key from standard input: use --secret-stdin %1.</source>
            <translation>audit verify liest von der Standardeingabe nur den Siegelschlüssel: verwenden Sie --secret-stdin %1.</translation>
        </message>
        <message>
            <source>For cron, pass the key with --secret-stdin %1.</source>
            <translation>Für cron übergeben Sie den Schlüssel mit --secret-stdin %1.</translation>
        </message>
        <message>
            <source>audit chain intact: %1 records</source>
            <translation>Audit-Kette intakt: %1 Einträge</translation>
        </message>
        <message>
            <source>audit chain BROKEN: %1</source>
            <translation>Audit-Kette GEBROCHEN: %1</translation>
        </message>
        <message>
            <source>--%1 "%2" is not an ISO 8601 date or time; write e.g. 2024-03-01 or 2024-03-01T09:00Z.</source>
            <translation>--%1 „%2“ ist kein ISO-8601-Datum und keine Uhrzeit; schreiben Sie z. B. 2024-03-01 oder 2024-03-01T09:00Z.</translation>
        </message>
        <message>
            <source>Could not write to standard output.</source>
            <translation>Konnte nicht auf die Standardausgabe schreiben.</translation>
        </message>
        <message>
            <source>Unknown audit subcommand "%1".</source>
            <translation>Unbekannter audit-Unterbefehl „%1“.</translation>
        </message>
        <message>
            <source>The database FILE (default: %1).</source>
            <translation>Die Datenbank DATEI (Vorgabe: %1).</translation>
        </message>
        <message>
            <source>Export as CSV (the default).</source>
            <translation>Als CSV exportieren (Vorgabe).</translation>
        </message>
        <message>
            <source>Only records at or after ISO.</source>
            <translation>Nur Einträge ab ISO.</translation>
        </message>
        <message>
            <source>ISO</source>
            <translation>ISO</translation>
        </message>
        <message>
            <source>Only records before ISO.</source>
            <translation>Nur Einträge vor ISO.</translation>
        </message>
        <message>
            <source>Check the audit log's hash chain and seal.</source>
            <translation>Hash-Kette und Siegel des Audit-Protokolls prüfen.</translation>
        </message>
        <message>
            <source>Export the audit log.</source>
            <translation>Das Audit-Protokoll exportieren.</translation>
        </message>
        <message>
            <source>Unexpected argument "%1".</source>
            <translation>Unerwartetes Argument „%1“.</translation>
        </message>
    </context>
    <context>
        <name>AuditRecorder</name>
        <message>
            <source>The keychain did not answer, so the audit log's seal key could not be read.</source>
            <translation>Der Schlüsselbund hat nicht geantwortet, daher konnte der Siegelschlüssel des Audit-Protokolls nicht gelesen werden.</translation>
        </message>
    </context>
    <context>
        <name>BackupListing</name>
        <message>
            <source>expected "&lt;time&gt; &lt;size&gt; &lt;path&gt;"</source>
            <translation>erwartet: „&lt;time&gt; &lt;size&gt; &lt;path&gt;“</translation>
        </message>
        <message>
            <source>the time or size is not a number</source>
            <translation>Zeit oder Größe ist keine Zahl</translation>
        </message>
    </context>
    <context>
        <name>BackupPolicy</name>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <source>%1 d %2 h</source>
            <translation>%1 d %2 h</translation>
        </message>
        <message>
            <source>%1 d</source>
            <translation>%1 d</translation>
        </message>
        <message>
            <source>No archive matching %1 in %2 — nothing to restore from.</source>
            <translation>Kein Archiv passend zu %1 in %2 — nichts zum Wiederherstellen vorhanden.</translation>
        </message>
        <message>
            <source>The newest archive is %1 old, within the RPO of %2.</source>
            <translation>Das neueste Archiv ist %1 alt und liegt innerhalb des RPO von %2.</translation>
        </message>
        <message>
            <source>The newest archive is %1 old; the RPO is %2.</source>
            <translation>Das neueste Archiv ist %1 alt; das RPO beträgt %2.</translation>
        </message>
        <message>
            <source>The schedule (%1) makes one backup every %2, so it cannot meet the RPO of %3 even when every run succeeds: up to %2 of data could be lost. Back up more often or change the promised RPO.</source>
            <translation>Der Zeitplan (%1) erstellt alle %2 eine Sicherung und kann das RPO von %3 daher selbst dann nicht einhalten, wenn jeder Durchlauf erfolgreich ist: Bis zu %2 an Daten könnten verloren gehen. Sichern Sie häufiger oder ändern Sie das zugesagte RPO.</translation>
        </message>
        <message>
            <source>The schedule "%1" could not be read, so whether it can meet the RPO is unknown.</source>
            <translation>Der Zeitplan „%1“ konnte nicht gelesen werden; ob er das RPO einhalten kann, ist daher unbekannt.</translation>
        </message>
        <message numerus="yes">
            <source>%n archive(s) are dated in the future; the host's clock may be wrong and the age above may be too young.</source>
            <translation><numerusform>%n Archiv ist in die Zukunft datiert; die Uhr des Hosts geht möglicherweise falsch, und das obige Alter ist eventuell zu gering.</numerusform><numerusform>%n Archive sind in die Zukunft datiert; die Uhr des Hosts geht möglicherweise falsch, und das obige Alter ist eventuell zu gering.</numerusform></translation>
        </message>
    </context>
    <context>
        <name>CommandClassifier</name>
        <message>
            <source>cannot verify: commands are nested too deeply</source>
            <translation>nicht prüfbar: Befehle sind zu tief verschachtelt</translation>
        </message>
        <message>
            <source>cannot verify: the command does not parse (%1)</source>
            <translation>nicht prüfbar: der Befehl lässt sich nicht zerlegen (%1)</translation>
        </message>
        <message>
            <source>“%1” empties and overwrites %2</source>
            <translation>„%1“ leert und überschreibt %2</translation>
        </message>
        <message>
            <source>cannot verify: %1 runs a command built at run time</source>
            <translation>nicht prüfbar: %1 führt einen erst zur Laufzeit gebildeten Befehl aus</translation>
        </message>
        <message>
            <source>cannot verify: %1 runs commands read from a pipe</source>
            <translation>nicht prüfbar: %1 führt Befehle aus einer Pipe aus</translation>
        </message>
        <message>
            <source>cannot verify: the heredoc fed to %1 contains values only known at run time</source>
            <translation>nicht prüfbar: das Heredoc für %1 enthält Werte, die erst zur Laufzeit feststehen</translation>
        </message>
        <message>
            <source>cannot verify: the text fed to %1 is built at run time</source>
            <translation>nicht prüfbar: der Text für %1 entsteht erst zur Laufzeit</translation>
        </message>
        <message>
            <source>cannot verify: the command name %1 is only known at run time</source>
            <translation>nicht prüfbar: der Befehlsname %1 steht erst zur Laufzeit fest</translation>
        </message>
        <message>
            <source>--restore replaces current data with a backup</source>
            <translation>--restore ersetzt die aktuellen Daten durch ein Backup</translation>
        </message>
        <message>
            <source>--drop deletes existing data</source>
            <translation>--drop löscht vorhandene Daten</translation>
        </message>
        <message>
            <source>%1 stops running processes</source>
            <translation>%1 beendet laufende Prozesse</translation>
        </message>
        <message>
            <source>rm -r deletes whole directory trees</source>
            <translation>rm -r löscht ganze Verzeichnisbäume</translation>
        </message>
        <message>
            <source>%1 deletes files</source>
            <translation>%1 löscht Dateien</translation>
        </message>
        <message>
            <source>%1 rewrites a disk or partition</source>
            <translation>%1 schreibt eine Festplatte oder Partition neu</translation>
        </message>
        <message>
            <source>dd overwrites %1</source>
            <translation>dd überschreibt %1</translation>
        </message>
        <message>
            <source>truncate cuts files short</source>
            <translation>truncate kürzt Dateien</translation>
        </message>
        <message>
            <source>%1 -R changes every file under %2</source>
            <translation>%1 -R ändert jede Datei unter %2</translation>
        </message>
        <message>
            <source>tee overwrites %1</source>
            <translation>tee überschreibt %1</translation>
        </message>
        <message>
            <source>unzip -o extracts over existing files</source>
            <translation>unzip -o entpackt über vorhandene Dateien</translation>
        </message>
        <message>
            <source>find -delete deletes every match</source>
            <translation>find -delete löscht jeden Treffer</translation>
        </message>
        <message>
            <source>cannot verify: xargs runs %1 on input only known at run time</source>
            <translation>nicht prüfbar: xargs führt %1 mit Eingaben aus, die erst zur Laufzeit feststehen</translation>
        </message>
        <message>
            <source>cannot verify: eval runs a command built at run time</source>
            <translation>nicht prüfbar: eval führt einen erst zur Laufzeit gebildeten Befehl aus</translation>
        </message>
        <message>
            <source>cannot verify: %1 runs inline code that can delete or start things</source>
            <translation>nicht prüfbar: %1 führt eingebetteten Code aus, der löschen oder starten kann</translation>
        </message>
        <message>
            <source>kubectl %1 changes what runs in the cluster</source>
            <translation>kubectl %1 ändert, was im Cluster läuft</translation>
        </message>
        <message>
            <source>kubectl rollout %1 restarts the pods</source>
            <translation>kubectl rollout %1 startet die Pods neu</translation>
        </message>
        <message>
            <source>systemctl %1 interrupts a running service</source>
            <translation>systemctl %1 unterbricht einen laufenden Dienst</translation>
        </message>
        <message>
            <source>service %1 interrupts a running service</source>
            <translation>service %1 unterbricht einen laufenden Dienst</translation>
        </message>
        <message>
            <source>%1 takes the whole machine down</source>
            <translation>%1 fährt die ganze Maschine herunter</translation>
        </message>
        <message>
            <source>%1 %2 takes the whole machine down</source>
            <translation>%1 %2 fährt die ganze Maschine herunter</translation>
        </message>
        <message>
            <source>ufw %1 changes the firewall and can cut off traffic</source>
            <translation>ufw %1 ändert die Firewall und kann Verkehr abschneiden</translation>
        </message>
        <message>
            <source>%1 changes the firewall and can cut off traffic</source>
            <translation>%1 ändert die Firewall und kann Verkehr abschneiden</translation>
        </message>
        <message>
            <source>nft changes the firewall and can cut off traffic</source>
            <translation>nft ändert die Firewall und kann Verkehr abschneiden</translation>
        </message>
        <message>
            <source>sysctl changes kernel settings of a running machine</source>
            <translation>sysctl ändert Kernel-Einstellungen einer laufenden Maschine</translation>
        </message>
        <message>
            <source>crontab -r deletes every scheduled job</source>
            <translation>crontab -r löscht alle geplanten Jobs</translation>
        </message>
        <message>
            <source>rsync %1 deletes files</source>
            <translation>rsync %1 löscht Dateien</translation>
        </message>
        <message>
            <source>git %1 throws away work</source>
            <translation>git %1 verwirft Arbeit</translation>
        </message>
        <message>
            <source>%1 %2 uninstalls software</source>
            <translation>%1 %2 deinstalliert Software</translation>
        </message>
        <message>
            <source>redis-cli %1 deletes or stops the data store</source>
            <translation>redis-cli %1 löscht den Datenspeicher oder hält ihn an</translation>
        </message>
        <message>
            <source>drops the scratch database %1</source>
            <translation>löscht die Testdatenbank %1</translation>
        </message>
        <message>
            <source>%1 deletes a database or role</source>
            <translation>%1 löscht eine Datenbank oder Rolle</translation>
        </message>
        <message>
            <source>tar -x extracts over existing files</source>
            <translation>tar -x entpackt über vorhandene Dateien</translation>
        </message>
        <message>
            <source>tar --delete removes files from the archive</source>
            <translation>tar --delete entfernt Dateien aus dem Archiv</translation>
        </message>
        <message>
            <source>%1 %2 stops or removes running containers</source>
            <translation>%1 %2 stoppt oder entfernt laufende Container</translation>
        </message>
        <message>
            <source>%1 down -v deletes the data volumes</source>
            <translation>%1 down -v löscht die Daten-Volumes</translation>
        </message>
        <message>
            <source>%1 up %2 recreates running containers</source>
            <translation>%1 up %2 erstellt laufende Container neu</translation>
        </message>
        <message>
            <source>docker %1 stops or deletes containers or data</source>
            <translation>docker %1 stoppt oder löscht Container oder Daten</translation>
        </message>
        <message>
            <source>%1 restores into the scratch database %2</source>
            <translation>%1 stellt in die Testdatenbank %2 wieder her</translation>
        </message>
        <message>
            <source>%1 overwrites a live database with a backup</source>
            <translation>%1 überschreibt eine Live-Datenbank mit einem Backup</translation>
        </message>
        <message>
            <source>--drop deletes every restored collection first</source>
            <translation>--drop löscht vorher jede wiederhergestellte Collection</translation>
        </message>
        <message>
            <source>--clean drops database objects before restoring</source>
            <translation>--clean löscht Datenbankobjekte vor der Wiederherstellung</translation>
        </message>
        <message>
            <source>cannot verify: the script given to %1 is built at run time</source>
            <translation>nicht prüfbar: das Skript für %1 entsteht erst zur Laufzeit</translation>
        </message>
        <message>
            <source>cannot verify: the SQL given to %1 is built at run time</source>
            <translation>nicht prüfbar: das SQL für %1 entsteht erst zur Laufzeit</translation>
        </message>
        <message>
            <source>%1 loads a SQL file into the scratch database %2</source>
            <translation>%1 lädt eine SQL-Datei in die Testdatenbank %2</translation>
        </message>
        <message>
            <source>cannot verify: %1 runs the SQL in a file, which may change or restore the database</source>
            <translation>nicht prüfbar: %1 führt das SQL einer Datei aus, das die Datenbank ändern oder wiederherstellen kann</translation>
        </message>
        <message>
            <source>dropDatabase deletes the whole database</source>
            <translation>dropDatabase löscht die ganze Datenbank</translation>
        </message>
        <message>
            <source>drop() deletes a whole collection</source>
            <translation>drop() löscht eine ganze Collection</translation>
        </message>
        <message>
            <source>deleteMany({}) deletes every document</source>
            <translation>deleteMany({}) löscht jedes Dokument</translation>
        </message>
        <message>
            <source>removes indexes, users or roles</source>
            <translation>entfernt Indizes, Benutzer oder Rollen</translation>
        </message>
        <message>
            <source>shuts the database server down</source>
            <translation>fährt den Datenbankserver herunter</translation>
        </message>
        <message>
            <source>%1 (scratch database %2)</source>
            <translation>%1 (Testdatenbank %2)</translation>
        </message>
        <message>
            <source>DROP %1 deletes the scratch database %2</source>
            <translation>DROP %1 löscht die Testdatenbank %2</translation>
        </message>
        <message>
            <source>DROP %1 deletes %2 and all its data</source>
            <translation>DROP %1 löscht %2 mit allen Daten</translation>
        </message>
        <message>
            <source>TRUNCATE deletes every row</source>
            <translation>TRUNCATE löscht jede Zeile</translation>
        </message>
        <message>
            <source>DELETE without WHERE deletes every row</source>
            <translation>DELETE ohne WHERE löscht jede Zeile</translation>
        </message>
        <message>
            <source>UPDATE without WHERE changes every row</source>
            <translation>UPDATE ohne WHERE ändert jede Zeile</translation>
        </message>
        <message>
            <source>DELETE removes the rows matching its WHERE clause</source>
            <translation>DELETE entfernt die Zeilen, auf die seine WHERE-Klausel passt</translation>
        </message>
        <message>
            <source>UPDATE changes the rows matching its WHERE clause</source>
            <translation>UPDATE ändert die Zeilen, auf die seine WHERE-Klausel passt</translation>
        </message>
        <message>
            <source>ALTER … DROP removes columns or constraints with their data</source>
            <translation>ALTER … DROP entfernt Spalten oder Constraints samt ihren Daten</translation>
        </message>
        <message>
            <source>SHUTDOWN stops the database server</source>
            <translation>SHUTDOWN hält den Datenbankserver an</translation>
        </message>
    </context>
    <context>
        <name>DashboardFigures</name>
        <message>
            <source>unexpected response: field %1 missing</source>
            <translation>unerwartete Antwort: Feld %1 fehlt</translation>
        </message>
        <message>
            <source>unexpected response: field %1 is not a number</source>
            <translation>unerwartete Antwort: Feld %1 ist keine Zahl</translation>
        </message>
        <message>
            <source>unexpected response: field %1 is %2, expected a ratio between 0 and 1</source>
            <translation>unerwartete Antwort: Feld %1 ist %2, erwartet wurde ein Verhältnis zwischen 0 und 1</translation>
        </message>
        <message>
            <source>unexpected response: field %1 is %2, expected a number above 0</source>
            <translation>unerwartete Antwort: Feld %1 ist %2, erwartet wurde eine Zahl größer als 0</translation>
        </message>
        <message>
            <source>unexpected response: field %1 is %2, expected a number of at least 0</source>
            <translation>unerwartete Antwort: Feld %1 ist %2, erwartet wurde eine Zahl von mindestens 0</translation>
        </message>
        <message>
            <source>unexpected response: empty body</source>
            <translation>unerwartete Antwort: leerer Inhalt</translation>
        </message>
        <message>
            <source>unexpected response: not JSON (%1 at byte %2)</source>
            <translation>unerwartete Antwort: kein JSON (%1 bei Byte %2)</translation>
        </message>
        <message>
            <source>no fresh answer</source>
            <translation>keine aktuelle Antwort</translation>
        </message>
        <message>
            <source>HTTP %1</source>
            <translation>HTTP %1</translation>
        </message>
        <message>
            <source>no answer</source>
            <translation>keine Antwort</translation>
        </message>
    </context>
    <context>
        <name>DemoSandbox</name>
        <message>
            <source>Could not write the demo sandbox file %1.</source>
            <translation>Die Demo-Sandbox-Datei %1 konnte nicht geschrieben werden.</translation>
        </message>
        <message>
            <source>The demo sandbox is missing from this build.</source>
            <translation>Die Demo-Sandbox fehlt in diesem Build.</translation>
        </message>
        <message>
            <source>%1 exists and is not a Pilothouse demo sandbox; move it away so the demo can use that folder.</source>
            <translation>%1 existiert und ist keine Pilothouse-Demo-Sandbox; verschieben Sie es, damit die Demo diesen Ordner verwenden kann.</translation>
        </message>
        <message>
            <source>Could not clear the old demo sandbox at %1.</source>
            <translation>Die alte Demo-Sandbox unter %1 konnte nicht entfernt werden.</translation>
        </message>
        <message>
            <source>Could not create the demo sandbox at %1.</source>
            <translation>Die Demo-Sandbox unter %1 konnte nicht angelegt werden.</translation>
        </message>
    </context>
    <context>
        <name>DemoSession</name>
        <message>
            <source>%1 is in the way of the demo host's sandbox; move it away to use SSH steps in the demo.</source>
            <translation>%1 steht der Sandbox des Demo-Hosts im Weg; verschieben Sie es, um SSH-Schritte in der Demo zu verwenden.</translation>
        </message>
        <message>
            <source>Could not link %1 to %2.</source>
            <translation>%1 konnte nicht mit %2 verknüpft werden.</translation>
        </message>
        <message>
            <source>Prometheus is not installed at %1, so the demo has no Prometheus server; install it with "%2" to try SLOs read through PromQL.</source>
            <translation>Prometheus ist nicht unter %1 installiert, daher hat die Demo keinen Prometheus-Server; installieren Sie es mit "%2", um per PromQL gelesene SLOs auszuprobieren.</translation>
        </message>
        <message>
            <source>The bundled demo workspace is missing from this build.</source>
            <translation>Der mitgelieferte Demo-Arbeitsbereich fehlt in diesem Build.</translation>
        </message>
        <message>
            <source>Could not write the demo workspace to %1.</source>
            <translation>Konnte den Demo-Arbeitsbereich nicht nach %1 schreiben.</translation>
        </message>
    </context>
    <context>
        <name>ExecCommand</name>
        <message numerus="yes">
            <source>%n host(s): %1</source>
            <translation><numerusform>%n Host: %1</numerusform><numerusform>%n Hosts: %1</numerusform></translation>
        </message>
        <message>
            <source>The seal key given for %1 is not the Base64 text of a %2-byte key, as stored in the keychain.</source>
            <translation>Der Siegelschlüssel für %1 ist nicht der Base64-Text eines %2-Byte-Schlüssels, wie er im Schlüsselbund liegt.</translation>
        </message>
        <message>
            <source>The keychain did not answer in time while storing the audit log's seal key.</source>
            <translation>Der Schlüsselbund hat beim Speichern des Siegelschlüssels des Audit-Protokolls nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <source>Pilothouse runs no remote command it cannot record in the audit log, and the log's seal key lives in the keychain. For cron, pass the key with --secret-stdin %1.</source>
            <translation>Pilothouse führt keinen entfernten Befehl aus, den es nicht im Audit-Protokoll festhalten kann, und der Siegelschlüssel des Protokolls liegt im Schlüsselbund. Für cron übergeben Sie den Schlüssel mit --secret-stdin %1.</translation>
        </message>
        <message>
            <source>[stdout: only the last %1 of %2 bytes are shown]</source>
            <translation>[stdout: nur die letzten %1 von %2 Bytes werden angezeigt]</translation>
        </message>
        <message>
            <source>HOST</source>
            <translation>HOST</translation>
        </message>
        <message>
            <source>ENVIRONMENT</source>
            <translation>UMGEBUNG</translation>
        </message>
        <message>
            <source>OUTCOME</source>
            <translation>ERGEBNIS</translation>
        </message>
        <message>
            <source>EXIT</source>
            <translation>EXIT</translation>
        </message>
        <message>
            <source>DURATION</source>
            <translation>DAUER</translation>
        </message>
        <message>
            <source>Password for %1: </source>
            <translation>Passwort für %1: </translation>
        </message>
        <message>
            <source>Passphrase of %1 for %2: </source>
            <translation>Passphrase von %1 für %2: </translation>
        </message>
        <message>
            <source>%1 needs a key passphrase or password that was not given. Give the host a "secret_ref" in the workspace and store the secret under it (pilothouse: Credentials), or run on a terminal to be asked.</source>
            <translation>%1 benötigt eine Schlüssel-Passphrase oder ein Passwort, das nicht angegeben wurde. Geben Sie dem Host im Arbeitsbereich eine "secret_ref" und speichern Sie das Geheimnis darunter (pilothouse: Credentials), oder führen Sie den Befehl in einem Terminal aus, um danach gefragt zu werden.</translation>
        </message>
        <message>
            <source>%1 needs a key passphrase or password, and the keychain has no entry "%2". Store it there (pilothouse: Credentials), or run on a terminal to be asked.</source>
            <translation>%1 benötigt eine Schlüssel-Passphrase oder ein Passwort, und der Schlüsselbund hat keinen Eintrag „%2“. Speichern Sie es dort (pilothouse: Credentials), oder führen Sie den Befehl in einem Terminal aus, um danach gefragt zu werden.</translation>
        </message>
        <message>
            <source>A host key was refused. Check the fingerprint out of band; for a host seen for the first time, run again with --accept-new-host-key.</source>
            <translation>Ein Host-Schlüssel wurde abgelehnt. Prüfen Sie den Fingerabdruck auf einem anderen Weg; bei einem erstmals gesehenen Host führen Sie den Befehl erneut mit --accept-new-host-key aus.</translation>
        </message>
        <message>
            <source>warning: some results could not be written to the audit log; run pilothouse-cli audit verify.</source>
            <translation>Warnung: Einige Ergebnisse konnten nicht ins Audit-Protokoll geschrieben werden; führen Sie pilothouse-cli audit verify aus.</translation>
        </message>
        <message>
            <source>Run one command on many hosts over SSH: exec (--host H... | --group G) [options] -- CMD</source>
            <translation>Einen Befehl per SSH auf vielen Hosts ausführen: exec (--host H... | --group G) [Optionen] -- CMD</translation>
        </message>
        <message>
            <source>A workspace host NAME, or [user@]address[:port]; repeatable.</source>
            <translation>Ein Host-NAME aus dem Arbeitsbereich oder [user@]address[:port]; wiederholbar.</translation>
        </message>
        <message>
            <source>H</source>
            <translation>H</translation>
        </message>
        <message>
            <source>Every workspace host in group G.</source>
            <translation>Jeder Host des Arbeitsbereichs in Gruppe G.</translation>
        </message>
        <message>
            <source>G</source>
            <translation>G</translation>
        </message>
        <message>
            <source>Use the demo workspace.</source>
            <translation>Den Demo-Arbeitsbereich verwenden.</translation>
        </message>
        <message>
            <source>Only hosts of environment E.</source>
            <translation>Nur Hosts der Umgebung E.</translation>
        </message>
        <message>
            <source>E</source>
            <translation>E</translation>
        </message>
        <message>
            <source>Private key FILE for hosts given as [user@]address[:port].</source>
            <translation>Privater Schlüssel DATEI für Hosts, die als [user@]address[:port] angegeben sind.</translation>
        </message>
        <message>
            <source>Reach hosts given as [user@]address[:port] through jump host J ([user@]address[:port]); repeat for a chain, the first is connected to first. Workspace hosts use their own "jump".</source>
            <translation>Hosts, die als [user@]address[:port] angegeben sind, über den Jump-Host J ([user@]address[:port]) erreichen; für eine Kette wiederholen, mit dem ersten wird zuerst verbunden. Hosts des Arbeitsbereichs verwenden ihren eigenen "jump".</translation>
        </message>
        <message>
            <source>J</source>
            <translation>J</translation>
        </message>
        <message>
            <source>known_hosts FILE to check and save host keys in (default: Pilothouse's own).</source>
            <translation>known_hosts-DATEI, in der Host-Schlüssel geprüft und gespeichert werden (Standard: die eigene von Pilothouse).</translation>
        </message>
        <message>
            <source>At most N hosts at once (default %1).</source>
            <translation>Höchstens N Hosts gleichzeitig (Standard %1).</translation>
        </message>
        <message>
            <source>N</source>
            <translation>N</translation>
        </message>
        <message>
            <source>Accept and save host keys seen for the first time (a changed key is always refused).</source>
            <translation>Erstmals gesehene Host-Schlüssel akzeptieren und speichern (ein geänderter Schlüssel wird immer abgelehnt).</translation>
        </message>
        <message>
            <source>Confirm a destructive command for environment ENV ("ad-hoc" for hosts given by address); repeat for each environment.</source>
            <translation>Einen zerstörerischen Befehl für die Umgebung ENV bestätigen („ad-hoc“ für per Adresse angegebene Hosts); für jede Umgebung wiederholen.</translation>
        </message>
        <message>
            <source>Stop the command after S seconds.</source>
            <translation>Den Befehl nach S Sekunden abbrechen.</translation>
        </message>
        <message>
            <source>S</source>
            <translation>S</translation>
        </message>
        <message>
            <source>The database FILE holding the audit log (default: %1).</source>
            <translation>Die Datenbank-DATEI mit dem Audit-Protokoll (Standard: %1).</translation>
        </message>
        <message>
            <source>Read the keychain entry NAME (%1) from standard input.</source>
            <translation>Den Schlüsselbund-Eintrag NAME (%1) von der Standardeingabe lesen.</translation>
        </message>
        <message>
            <source>Put the command after "--", e.g. pilothouse-cli exec --host web1 -- uptime.</source>
            <translation>Geben Sie den Befehl nach „--“ an, z. B. pilothouse-cli exec --host web1 -- uptime.</translation>
        </message>
        <message>
            <source>No command given after "--".</source>
            <translation>Nach „--“ wurde kein Befehl angegeben.</translation>
        </message>
        <message>
            <source>Name the hosts with --host H (repeatable) or --group G, not both.</source>
            <translation>Benennen Sie die Hosts mit --host H (wiederholbar) oder --group G, nicht mit beidem.</translation>
        </message>
        <message>
            <source>--concurrency "%1" is not a number from 1 to %2.</source>
            <translation>--concurrency „%1“ ist keine Zahl von 1 bis %2.</translation>
        </message>
        <message>
            <source>--timeout "%1" is not a number of seconds greater than 0.</source>
            <translation>--timeout „%1“ ist keine Sekundenzahl größer als 0.</translation>
        </message>
        <message>
            <source>--jump: %1</source>
            <translation>--jump: %1</translation>
        </message>
        <message>
            <source>The key file %1 does not exist or cannot be read.</source>
            <translation>Die Schlüsseldatei %1 existiert nicht oder kann nicht gelesen werden.</translation>
        </message>
        <message>
            <source>exec reads only the audit log's seal key from standard input: use --secret-stdin %1.</source>
            <translation>exec liest von der Standardeingabe nur den Siegelschlüssel des Audit-Protokolls: Verwenden Sie --secret-stdin %1.</translation>
        </message>
        <message>
            <source>warning: the workspace %1 did not load, so host names are taken as addresses: %2</source>
            <translation>Warnung: Der Arbeitsbereich %1 wurde nicht geladen, daher werden Hostnamen als Adressen verwendet: %2</translation>
        </message>
        <message>
            <source>No environment "%1" in the workspace.</source>
            <translation>Keine Umgebung „%1“ im Arbeitsbereich.</translation>
        </message>
        <message>
            <source>--env needs a workspace (--workspace FILE or --demo).</source>
            <translation>--env benötigt einen Arbeitsbereich (--workspace DATEI oder --demo).</translation>
        </message>
        <message>
            <source>The workspace has no host in group "%1".</source>
            <translation>Der Arbeitsbereich hat keinen Host in der Gruppe „%1“.</translation>
        </message>
        <message>
            <source>The workspace has no host in group "%1" and environment "%2".</source>
            <translation>Der Arbeitsbereich hat keinen Host in der Gruppe „%1“ und der Umgebung „%2“.</translation>
        </message>
        <message>
            <source>Host "%1" is in environment "%2", not "%3".</source>
            <translation>Host „%1“ gehört zur Umgebung „%2“, nicht zu „%3“.</translation>
        </message>
        <message>
            <source>--jump applies to hosts given as [user@]address[:port]; workspace hosts are reached through the jump host their entry names.</source>
            <translation>--jump gilt für Hosts, die als [user@]address[:port] angegeben sind; Hosts des Arbeitsbereichs werden über den Jump-Host erreicht, den ihr Eintrag nennt.</translation>
        </message>
        <message>
            <source>Refused: this command needs confirmation before it runs on %1.</source>
            <translation>Abgelehnt: Dieser Befehl erfordert eine Bestätigung, bevor er auf %1 ausgeführt wird.</translation>
        </message>
        <message>
            <source>Nothing ran. If you mean it, add %1.</source>
            <translation>Nichts wurde ausgeführt. Wenn Sie es ernst meinen, fügen Sie %1 hinzu.</translation>
        </message>
        <message>
            <source>(--confirm %1 does not name the environment of these hosts: %2.)</source>
            <translation>(--confirm %1 nennt nicht die Umgebung dieser Hosts: %2.)</translation>
        </message>
        <message>
            <source>The secret of %1 could not be read from the keychain.</source>
            <translation>Das Geheimnis von %1 konnte nicht aus dem Schlüsselbund gelesen werden.</translation>
        </message>
        <message>
            <source>Nothing ran: the confirmation could not be recorded.</source>
            <translation>Nichts wurde ausgeführt: Die Bestätigung konnte nicht protokolliert werden.</translation>
        </message>
        <message>
            <source>Cancelling; press Ctrl-C again to quit at once.</source>
            <translation>Abbruch läuft; drücken Sie erneut Ctrl-C, um sofort zu beenden.</translation>
        </message>
    </context>
    <context>
        <name>FanOut</name>
        <message>
            <source>pending</source>
            <translation>ausstehend</translation>
        </message>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>ok</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>unreachable</source>
            <translation>nicht erreichbar</translation>
        </message>
        <message>
            <source>auth failed</source>
            <translation>Authentifizierung fehlgeschlagen</translation>
        </message>
        <message>
            <source>host key refused</source>
            <translation>Host-Schlüssel abgelehnt</translation>
        </message>
        <message>
            <source>timed out</source>
            <translation>Zeitüberschreitung</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>abgebrochen</translation>
        </message>
    </context>
    <context>
        <name>KnownHosts</name>
        <message>
            <source>There is no host key to save.</source>
            <translation>Es gibt keinen Host-Schlüssel zum Speichern.</translation>
        </message>
        <message>
            <source>Could not save the host key to %1. Check that the folder is writable.</source>
            <translation>Konnte den Host-Schlüssel nicht in %1 speichern. Prüfen Sie, ob der Ordner beschreibbar ist.</translation>
        </message>
        <message>
            <source>Could not save the host key to %1.</source>
            <translation>Konnte den Host-Schlüssel nicht in %1 speichern.</translation>
        </message>
        <message>
            <source>Could not read %1.</source>
            <translation>Konnte %1 nicht lesen.</translation>
        </message>
        <message>
            <source>Could not rewrite %1.</source>
            <translation>Konnte %1 nicht neu schreiben.</translation>
        </message>
        <message>
            <source>If you have confirmed the new key with the server's administrator, use "Forget host key" for %1, or delete line %2 of %3.</source>
            <translation>Wenn Sie den neuen Schlüssel mit der Administration des Servers bestätigt haben, verwenden Sie „Host-Schlüssel vergessen“ für %1 oder löschen Sie Zeile %2 in %3.</translation>
        </message>
        <message>
            <source>If you have confirmed the new key with the server's administrator, remove the old one by running: ssh-keygen -R '%1'</source>
            <translation>Wenn Sie den neuen Schlüssel mit der Administration des Servers bestätigt haben, entfernen Sie den alten mit: ssh-keygen -R '%1'</translation>
        </message>
        <message>
            <source>If you have confirmed the new key with the server's administrator, ask whoever manages %1 to replace the entry for %2.</source>
            <translation>Wenn Sie den neuen Schlüssel mit der Administration des Servers bestätigt haben, bitten Sie die Verantwortlichen für %1, den Eintrag für %2 zu ersetzen.</translation>
        </message>
    </context>
    <context>
        <name>Probe</name>
        <message>
            <source>no answer for %1 s; last answer %2 s ago</source>
            <translation>seit %1 s keine Antwort; letzte Antwort vor %2 s</translation>
        </message>
        <message>
            <source>no answer for %1 s; never answered</source>
            <translation>seit %1 s keine Antwort; noch nie geantwortet</translation>
        </message>
        <message>
            <source>service %1 has no valid base URL (%2)</source>
            <translation>Dienst %1 hat keine gültige Basis-URL (%2)</translation>
        </message>
        <message>
            <source>CA file %1 of service %2 could not be read or holds no PEM certificate</source>
            <translation>CA-Datei %1 des Dienstes %2 ist nicht lesbar oder enthält kein PEM-Zertifikat</translation>
        </message>
        <message>
            <source>%1 %2 needs a dashboard key, but service %1 names no keychain entry (dashboardKeyRef)</source>
            <translation>%1 %2 braucht einen Dashboard-Schlüssel, aber Dienst %1 nennt keinen Schlüsselbund-Eintrag (dashboardKeyRef)</translation>
        </message>
        <message>
            <source>endpoint URL %1 is not valid</source>
            <translation>Endpunkt-URL %1 ist ungültig</translation>
        </message>
        <message>
            <source>%1 MiB</source>
            <translation>%1 MiB</translation>
        </message>
        <message>
            <source>%1 bytes</source>
            <translation>%1 Byte</translation>
        </message>
        <message>
            <source>this computer is offline (%1)</source>
            <translation>dieser Computer ist offline (%1)</translation>
        </message>
        <message>
            <source>connection refused</source>
            <translation>Verbindung abgelehnt</translation>
        </message>
        <message>
            <source>host not found</source>
            <translation>Host nicht gefunden</translation>
        </message>
        <message>
            <source>the service closed the connection without answering</source>
            <translation>der Dienst hat die Verbindung ohne Antwort geschlossen</translation>
        </message>
        <message>
            <source>timed out</source>
            <translation>Zeitüberschreitung</translation>
        </message>
        <message>
            <source>no complete answer within %1 ms</source>
            <translation>keine vollständige Antwort innerhalb von %1 ms</translation>
        </message>
        <message>
            <source>no data for %1 ms</source>
            <translation>seit %1 ms keine Daten</translation>
        </message>
        <message>
            <source>network error</source>
            <translation>Netzwerkfehler</translation>
        </message>
        <message>
            <source>response larger than %1</source>
            <translation>Antwort größer als %1</translation>
        </message>
        <message>
            <source>TLS certificate not trusted: %1</source>
            <translation>TLS-Zertifikat nicht vertrauenswürdig: %1</translation>
        </message>
        <message>
            <source>dashboard key %1 not set in the keychain</source>
            <translation>Dashboard-Schlüssel %1 ist nicht im Schlüsselbund hinterlegt</translation>
        </message>
        <message>
            <source>dashboard key rejected (HTTP 401); check the key in the keychain</source>
            <translation>Dashboard-Schlüssel abgelehnt (HTTP 401); prüfen Sie den Schlüssel im Schlüsselbund</translation>
        </message>
        <message>
            <source>HTTP 401: the service wants a dashboard key, but none is configured for this endpoint</source>
            <translation>HTTP 401: der Dienst verlangt einen Dashboard-Schlüssel, aber für diesen Endpunkt ist keiner eingerichtet</translation>
        </message>
        <message>
            <source>HTTP %1 (expected %2)</source>
            <translation>HTTP %1 (erwartet %2)</translation>
        </message>
        <message>
            <source>unexpected response: not JSON (%1 at byte %2)</source>
            <translation>unerwartete Antwort: kein JSON (%1 bei Byte %2)</translation>
        </message>
        <message>
            <source>unexpected response: no text field %1</source>
            <translation>unerwartete Antwort: kein Textfeld %1</translation>
        </message>
        <message>
            <source>service reports "%1"</source>
            <translation>Dienst meldet „%1“</translation>
        </message>
        <message>
            <source>latency %1 ms over budget %2 ms</source>
            <translation>Latenz %1 ms über dem Budget von %2 ms</translation>
        </message>
    </context>
    <context>
        <name>ProbeCommand</name>
        <message>
            <source>SERVICE</source>
            <translation>DIENST</translation>
        </message>
        <message>
            <source>ENDPOINT</source>
            <translation>ENDPUNKT</translation>
        </message>
        <message>
            <source>VERDICT</source>
            <translation>BEFUND</translation>
        </message>
        <message>
            <source>CODE</source>
            <translation>CODE</translation>
        </message>
        <message>
            <source>LATENCY</source>
            <translation>LATENZ</translation>
        </message>
        <message>
            <source>ERROR</source>
            <translation>FEHLER</translation>
        </message>
        <message>
            <source>Check every endpoint of a workspace once.</source>
            <translation>Jeden Endpunkt eines Arbeitsbereichs einmal prüfen.</translation>
        </message>
        <message>
            <source>Use either --workspace or --demo, not both.</source>
            <translation>Verwenden Sie entweder --workspace oder --demo, nicht beides.</translation>
        </message>
        <message>
            <source>warning: </source>
            <translation>Warnung: </translation>
        </message>
        <message>
            <source>No environment "%1" in %2.</source>
            <translation>Keine Umgebung „%1“ in %2.</translation>
        </message>
        <message>
            <source>Could not read standard input.</source>
            <translation>Konnte die Standardeingabe nicht lesen.</translation>
        </message>
        <message>
            <source>For cron, pass the key with --secret-stdin NAME.</source>
            <translation>Für cron übergeben Sie den Schlüssel mit --secret-stdin NAME.</translation>
        </message>
        <message>
            <source>Workspace FILE.</source>
            <translation>Arbeitsbereich DATEI.</translation>
        </message>
        <message>
            <source>FILE</source>
            <translation>DATEI</translation>
        </message>
        <message>
            <source>Start the simulator and use the demo.</source>
            <translation>Den Simulator starten und die Demo verwenden.</translation>
        </message>
        <message>
            <source>Only environment NAME.</source>
            <translation>Nur Umgebung NAME.</translation>
        </message>
        <message>
            <source>NAME</source>
            <translation>NAME</translation>
        </message>
        <message>
            <source>Print one JSON document.</source>
            <translation>Ein JSON-Dokument ausgeben.</translation>
        </message>
        <message>
            <source>Read the keychain entry NAME from standard input.</source>
            <translation>Den Schlüsselbund-Eintrag NAME von der Standardeingabe lesen.</translation>
        </message>
    </context>
    <context>
        <name>RunbookCommand</name>
        <message numerus="yes">
            <source>All %n step(s) done; run %1 signed off.</source>
            <translation><numerusform>%n Schritt erledigt; Durchlauf %1 abgezeichnet.</numerusform><numerusform>Alle %n Schritte erledigt; Durchlauf %1 abgezeichnet.</numerusform></translation>
        </message>
        <message>
            <source>Could not read standard input.</source>
            <translation>Konnte die Standardeingabe nicht lesen.</translation>
        </message>
        <message>
            <source>Print one JSON document.</source>
            <translation>Ein JSON-Dokument ausgeben.</translation>
        </message>
        <message>
            <source>Read the keychain entry NAME from standard input.</source>
            <translation>Den Schlüsselbund-Eintrag NAME von der Standardeingabe lesen.</translation>
        </message>
        <message>
            <source>NAME</source>
            <translation>NAME</translation>
        </message>
        <message>
            <source>exit %1</source>
            <translation>Exit %1</translation>
        </message>
        <message>
            <source>Workspace FILE.</source>
            <translation>Arbeitsbereich DATEI.</translation>
        </message>
        <message>
            <source>ENV</source>
            <translation>ENV</translation>
        </message>
        <message>
            <source>Use either --workspace or --demo, not both.</source>
            <translation>Verwenden Sie entweder --workspace oder --demo, nicht beides.</translation>
        </message>
        <message>
            <source>Usage: pilothouse-cli runbook SUBCOMMAND [options]

Subcommands:
  import FILE [--json]  parse a Markdown manual and show what Pilothouse makes of it
  list [--json]         the runbooks 'run' finds: the workspace's runbook
                        folders, then the built-in ones
  show NAME [--json]    one of them, e.g. echopilot/daily
                        (list and show take --workspace F or --demo)
  run NAME [options]    run a runbook's steps in order, without questions
                        (see 'runbook run --help')
</source>
            <translation>Verwendung: pilothouse-cli runbook UNTERBEFEHL [Optionen]

Unterbefehle:
  import DATEI [--json] ein Markdown-Handbuch einlesen und zeigen, was Pilothouse daraus macht
  list [--json]         die Runbooks, die 'run' findet: die Runbook-Ordner des
                        Arbeitsbereichs, dann die eingebauten
  show NAME [--json]    eines davon, z. B. echopilot/daily
                        (list und show akzeptieren --workspace F oder --demo)
  run NAME [Optionen]   die Schritte eines Runbooks der Reihe nach ohne Rückfragen ausführen
                        (siehe 'runbook run --help')
</translation>
        </message>
        <message>
            <source>line %1: </source>
            <translation>Zeile %1: </translation>
        </message>
        <message>
            <source>(untitled runbook)</source>
            <translation>(Runbook ohne Titel)</translation>
        </message>
        <message>
            <source>service: %1</source>
            <translation>Dienst: %1</translation>
        </message>
        <message>
            <source>environment: %1</source>
            <translation>Umgebung: %1</translation>
        </message>
        <message>
            <source>schedule: %1</source>
            <translation>Zeitplan: %1</translation>
        </message>
        <message>
            <source>source: %1</source>
            <translation>Quelle: %1</translation>
        </message>
        <message>
            <source>%1 steps: %2 command, %3 http, %4 manual; %5 destructive</source>
            <translation>%1 Schritte: %2 Befehl, %3 HTTP, %4 manuell; %5 destruktiv</translation>
        </message>
        <message>
            <source>  (dashboard key)</source>
            <translation>  (Dashboard-Schlüssel)</translation>
        </message>
        <message>
            <source>DESTRUCTIVE</source>
            <translation>DESTRUKTIV</translation>
        </message>
        <message>
            <source>marked in the runbook</source>
            <translation>im Runbook markiert</translation>
        </message>
        <message>
            <source>Parameters:</source>
            <translation>Parameter:</translation>
        </message>
        <message>
            <source>Left to the server's environment: %1</source>
            <translation>Der Umgebung des Servers überlassen: %1</translation>
        </message>
        <message>
            <source>Could not be placed:</source>
            <translation>Konnte nicht zugeordnet werden:</translation>
        </message>
        <message>
            <source>Warnings:</source>
            <translation>Warnungen:</translation>
        </message>
        <message>
            <source>built-in</source>
            <translation>eingebaut</translation>
        </message>
        <message>
            <source>SCHEDULE</source>
            <translation>ZEITPLAN</translation>
        </message>
        <message>
            <source>FROM</source>
            <translation>HERKUNFT</translation>
        </message>
        <message>
            <source>TITLE</source>
            <translation>TITEL</translation>
        </message>
        <message>
            <source>There is no runbook "%1" in the workspace's runbook folders or built in. Run 'pilothouse-cli runbook list' with the same options for the names, or 'pilothouse-cli runbook import FILE' for a file of your own.</source>
            <translation>Es gibt kein Runbook „%1“ in den Runbook-Ordnern des Arbeitsbereichs oder unter den eingebauten. Führen Sie 'pilothouse-cli runbook list' mit denselben Optionen aus, um die Namen zu sehen, oder 'pilothouse-cli runbook import DATEI' für eine eigene Datei.</translation>
        </message>
        <message>
            <source>There is no built-in runbook "%1". Run 'pilothouse-cli runbook list' for the names, or 'pilothouse-cli runbook import FILE' for a file of your own.</source>
            <translation>Es gibt kein mitgeliefertes Runbook „%1“. Mit 'pilothouse-cli runbook list' sehen Sie die Namen, mit 'pilothouse-cli runbook import DATEI' lesen Sie eine eigene Datei ein.</translation>
        </message>
        <message>
            <source>warning: the workspace %1 does not load, so only the built-in runbooks are listed: %2</source>
            <translation>Warnung: Der Arbeitsbereich %1 lässt sich nicht laden, daher werden nur die eingebauten Runbooks aufgelistet: %2</translation>
        </message>
        <message>
            <source>warning: </source>
            <translation>Warnung: </translation>
        </message>
        <message>
            <source>The keychain did not answer in time while storing %1.</source>
            <translation>Der Schlüsselbund hat beim Speichern von %1 nicht rechtzeitig geantwortet.</translation>
        </message>
        <message>
            <source>Run a runbook's steps in order, without questions.

Command steps run over SSH on their host, HTTP steps against the service's API with the dashboard key from the keychain. Every change is in the database the moment it happens. The run stops at the first step that needs a person (exit 3: a manual check; do it in the console, or mark it there; or a secret the keychain does not hold, which --secret-stdin can give), at a destructive step without --confirm naming the environment or at a host key that is not known (exit 4; nothing of that step runs), when the keychain cannot be used (exit 5), and at a failed step or a host or tunnel that cannot be reached (exit 1). Exit 0 when every step passed; the run is then signed off in your name.

Resuming: --resume continues the newest unfinished run of this runbook in this environment with the parameters it was started with. Steps that passed, were skipped or done by hand are kept as they are. A step that was running when the run stopped (a crash, kill -9, a lost connection) is marked interrupted, never passed, and is run again; so is a step that failed. Both earlier attempts stay in the run's record. Without --resume a new run starts.</source>
            <translation>Die Schritte eines Runbooks der Reihe nach ohne Rückfragen ausführen.

Befehlsschritte laufen per SSH auf ihrem Host, HTTP-Schritte gegen die API des Dienstes mit dem Dashboard-Schlüssel aus dem Schlüsselbund. Jede Änderung steht in dem Moment in der Datenbank, in dem sie geschieht. Der Durchlauf hält beim ersten Schritt an, der eine Person braucht (Exit 3: eine manuelle Prüfung – erledigen Sie sie in der Konsole oder markieren Sie sie dort –, oder ein Geheimnis, das der Schlüsselbund nicht enthält und das --secret-stdin liefern kann), bei einem zerstörerischen Schritt ohne --confirm mit dem Namen der Umgebung oder bei einem unbekannten Host-Schlüssel (Exit 4; von diesem Schritt wird nichts ausgeführt), wenn der Schlüsselbund nicht verwendet werden kann (Exit 5), sowie bei einem fehlgeschlagenen Schritt oder einem Host oder Tunnel, der nicht erreichbar ist (Exit 1). Exit 0, wenn jeder Schritt bestanden hat; der Durchlauf wird dann in Ihrem Namen abgezeichnet.

Fortsetzen: --resume setzt den neuesten unvollendeten Durchlauf dieses Runbooks in dieser Umgebung mit den Parametern fort, mit denen er gestartet wurde. Bestandene, übersprungene oder von Hand erledigte Schritte bleiben unverändert. Ein Schritt, der lief, als der Durchlauf anhielt (ein Absturz, kill -9, eine unterbrochene Verbindung), wird als unterbrochen markiert, nie als bestanden, und erneut ausgeführt; ebenso ein fehlgeschlagener Schritt. Beide früheren Versuche bleiben im Protokoll des Durchlaufs erhalten. Ohne --resume beginnt ein neuer Durchlauf.</translation>
        </message>
        <message>
            <source>Run against the demo (starts the simulator).</source>
            <translation>Gegen die Demo ausführen (startet den Simulator).</translation>
        </message>
        <message>
            <source>Environment NAME (default: the runbook's).</source>
            <translation>Umgebung NAME (Standard: die des Runbooks).</translation>
        </message>
        <message>
            <source>A parameter, e.g. service=api or PTR_XXX=PTR_001. For a secret parameter the value names its keychain entry (default: the parameter's name).</source>
            <translation>Ein Parameter, z. B. service=api oder PTR_XXX=PTR_001. Bei einem geheimen Parameter benennt der Wert seinen Schlüsselbund-Eintrag (Standard: der Name des Parameters).</translation>
        </message>
        <message>
            <source>NAME=VALUE</source>
            <translation>NAME=WERT</translation>
        </message>
        <message>
            <source>Allow destructive steps in environment ENV (must match).</source>
            <translation>Zerstörerische Schritte in der Umgebung ENV erlauben (muss übereinstimmen).</translation>
        </message>
        <message>
            <source>Continue the newest unfinished run (see above).</source>
            <translation>Den neuesten unvollendeten Durchlauf fortsetzen (siehe oben).</translation>
        </message>
        <message>
            <source>The Pilothouse database FILE.</source>
            <translation>Die Pilothouse-Datenbank-DATEI.</translation>
        </message>
        <message>
            <source>A built-in runbook (as listed by 'runbook list'), one in the workspace's runbook folders, or a Markdown file.</source>
            <translation>Ein eingebautes Runbook (wie von 'runbook list' aufgeführt), eines in den Runbook-Ordnern des Arbeitsbereichs oder eine Markdown-Datei.</translation>
        </message>
        <message>
            <source>Name one runbook: runbook run NAME.</source>
            <translation>Nennen Sie ein Runbook: runbook run NAME.</translation>
        </message>
        <message>
            <source>--param "%1" is not NAME=VALUE.</source>
            <translation>--param „%1“ hat nicht die Form NAME=WERT.</translation>
        </message>
        <message>
            <source>There is no runbook "%1": not a file, not in the workspace's runbook folders and not built in. Run 'pilothouse-cli runbook list' for the built-in names.</source>
            <translation>Es gibt kein Runbook „%1“: keine Datei, nicht in den Runbook-Ordnern des Arbeitsbereichs und nicht eingebaut. Führen Sie 'pilothouse-cli runbook list' aus, um die eingebauten Namen zu sehen.</translation>
        </message>
        <message>
            <source>Say which environment to run in: --env NAME.</source>
            <translation>Geben Sie die Umgebung für den Durchlauf an: --env NAME.</translation>
        </message>
        <message>
            <source>No environment "%1" in %2.</source>
            <translation>Keine Umgebung „%1“ in %2.</translation>
        </message>
        <message>
            <source>The audit log's seal key is kept in the keychain; without it no command runs.</source>
            <translation>Der Siegelschlüssel des Audit-Protokolls liegt im Schlüsselbund; ohne ihn wird kein Befehl ausgeführt.</translation>
        </message>
        <message>
            <source>Run %1 was started from an earlier version of this runbook, so its steps no longer line up. Start a new run (without --resume), or finish it in the console.</source>
            <translation>Durchlauf %1 wurde mit einer früheren Version dieses Runbooks gestartet, daher passen seine Schritte nicht mehr zusammen. Starten Sie einen neuen Durchlauf (ohne --resume) oder schließen Sie ihn in der Konsole ab.</translation>
        </message>
        <message>
            <source>note: a resumed run keeps the parameters it was started with; --param is ignored.</source>
            <translation>Hinweis: Ein fortgesetzter Durchlauf behält die Parameter, mit denen er gestartet wurde; --param wird ignoriert.</translation>
        </message>
        <message>
            <source>note: no unfinished run of this runbook in %1; starting a new one.</source>
            <translation>Hinweis: Kein unvollendeter Durchlauf dieses Runbooks in %1; ein neuer wird gestartet.</translation>
        </message>
        <message>
            <source>note: run %1 of this runbook is unfinished; --resume continues it. Starting a new run.</source>
            <translation>Hinweis: Durchlauf %1 dieses Runbooks ist unvollendet; --resume setzt ihn fort. Ein neuer Durchlauf wird gestartet.</translation>
        </message>
        <message>
            <source>The runbook has no parameter "%1".</source>
            <translation>Das Runbook hat keinen Parameter „%1“.</translation>
        </message>
        <message>
            <source>The runbook needs values for: %1. Give each with --param NAME=VALUE.</source>
            <translation>Das Runbook benötigt Werte für: %1. Geben Sie jeden mit --param NAME=WERT an.</translation>
        </message>
        <message>
            <source>Resuming run %1 of %2 in %3</source>
            <translation>Durchlauf %1 von %2 in %3 wird fortgesetzt</translation>
        </message>
        <message>
            <source>Run %1 of %2 in %3</source>
            <translation>Durchlauf %1 von %2 in %3</translation>
        </message>
        <message>
            <source>(kept: %1)</source>
            <translation>(beibehalten: %1)</translation>
        </message>
        <message>
            <source>(was %1; running it again)</source>
            <translation>(war %1; wird erneut ausgeführt)</translation>
        </message>
        <message>
            <source>Step %1 is a manual check for a person: “%2”. Do it, mark it done in the console, then run again with --resume.</source>
            <translation>Schritt %1 ist eine manuelle Prüfung für eine Person: „%2“. Erledigen Sie sie, markieren Sie sie in der Konsole als erledigt und führen Sie dann erneut mit --resume aus.</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>NOT RUN</source>
            <translation>NICHT AUSGEFÜHRT</translation>
        </message>
        <message>
            <source>passed</source>
            <translation>bestanden</translation>
        </message>
        <message>
            <source>Step %1 failed: %2</source>
            <translation>Schritt %1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>FAILED</source>
            <translation>FEHLGESCHLAGEN</translation>
        </message>
        <message>
            <source>The run is kept; continue it with --resume.</source>
            <translation>Der Durchlauf bleibt erhalten; setzen Sie ihn mit --resume fort.</translation>
        </message>
        <message>
            <source>Workspace FILE whose runbook folders come first (default: yours, if any).</source>
            <translation>Arbeitsbereich DATEI, dessen Runbook-Ordner zuerst kommen (Standard: Ihrer, falls vorhanden).</translation>
        </message>
        <message>
            <source>Use the demo's workspace (starts the simulator).</source>
            <translation>Den Arbeitsbereich der Demo verwenden (startet den Simulator).</translation>
        </message>
        <message>
            <source>Parse a Markdown manual into a runbook.</source>
            <translation>Ein Markdown-Handbuch in ein Runbook umwandeln.</translation>
        </message>
        <message>
            <source>The Markdown file.</source>
            <translation>Die Markdown-Datei.</translation>
        </message>
        <message>
            <source>Show a runbook of the workspace's runbook folders or a built-in one.</source>
            <translation>Ein Runbook aus den Runbook-Ordnern des Arbeitsbereichs oder ein eingebautes anzeigen.</translation>
        </message>
        <message>
            <source>As listed by 'runbook list'.</source>
            <translation>Wie von 'runbook list' aufgeführt.</translation>
        </message>
        <message>
            <source>List the runbooks 'runbook run' finds by name: those in the workspace's runbook folders, then the built-in ones.</source>
            <translation>Die Runbooks auflisten, die 'runbook run' über ihren Namen findet: die in den Runbook-Ordnern des Arbeitsbereichs, dann die eingebauten.</translation>
        </message>
        <message>
            <source>Unknown runbook subcommand "%1".</source>
            <translation>Unbekannter runbook-Unterbefehl „%1“.</translation>
        </message>
        <message>
            <source>'runbook list' takes no arguments.</source>
            <translation>'runbook list' nimmt keine Argumente.</translation>
        </message>
        <message>
            <source>Name one Markdown file: runbook import FILE.</source>
            <translation>Nennen Sie eine Markdown-Datei: runbook import DATEI.</translation>
        </message>
        <message>
            <source>Name one runbook: runbook show NAME.</source>
            <translation>Nennen Sie ein Runbook: runbook show NAME.</translation>
        </message>
        <message>
            <source>Cannot read %1: there is no such file.</source>
            <translation>Kann %1 nicht lesen: Die Datei gibt es nicht.</translation>
        </message>
        <message>
            <source>Cannot read %1: it is a folder; name a Markdown file.</source>
            <translation>Kann %1 nicht lesen: Das ist ein Ordner; nennen Sie eine Markdown-Datei.</translation>
        </message>
    </context>
    <context>
        <name>RunbookParser</name>
        <message>
            <source>Link reference definition; links in step explanations that use it will show as plain text.</source>
            <translation>Linkreferenz-Definition; Links in Schritterklärungen, die sie verwenden, erscheinen als reiner Text.</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Schritte</translation>
        </message>
        <message>
            <source>Untitled section</source>
            <translation>Abschnitt ohne Titel</translation>
        </message>
        <message>
            <source>Manual check</source>
            <translation>Manuelle Prüfung</translation>
        </message>
        <message>
            <source>The step id is used twice; this step got a generated id.</source>
            <translation>Die Schritt-ID ist doppelt vergeben; dieser Schritt hat eine erzeugte ID erhalten.</translation>
        </message>
        <message>
            <source>Text after the fence language is ignored; put attributes in braces, e.g. {host=app timeout=60}.</source>
            <translation>Text nach der Sprache des Codeblocks wird ignoriert; setzen Sie Attribute in geschweifte Klammern, z. B. {host=app timeout=60}.</translation>
        </message>
        <message>
            <source>%1 needs a whole number from %2 to %3; the attribute is ignored.</source>
            <translation>%1 braucht eine ganze Zahl von %2 bis %3; das Attribut wird ignoriert.</translation>
        </message>
        <message>
            <source>Unknown attribute "%1" is ignored. Known: host, group, cwd, destructive, timeout, id, title, service, expect.exit, expect.regex, expect.http, expect.latency_ms, expect.json.</source>
            <translation>Unbekanntes Attribut „%1“ wird ignoriert. Bekannt sind: host, group, cwd, destructive, timeout, id, title, service, expect.exit, expect.regex, expect.http, expect.latency_ms, expect.json.</translation>
        </message>
        <message>
            <source>Marked destructive in the runbook.</source>
            <translation>Im Runbook als destruktiv markiert.</translation>
        </message>
        <message>
            <source>destructive takes no value (or true/false); the step is treated as destructive.</source>
            <translation>destructive hat keinen Wert (oder true/false); der Schritt wird als destruktiv behandelt.</translation>
        </message>
        <message>
            <source>expect.regex is not a valid regular expression (%1); it is ignored.</source>
            <translation>expect.regex ist kein gültiger regulärer Ausdruck (%1); er wird ignoriert.</translation>
        </message>
        <message>
            <source>This code block is never closed, so it runs to the end of the file. Add a closing fence.</source>
            <translation>Dieser Codeblock wird nie geschlossen und reicht daher bis zum Dateiende. Fügen Sie einen schließenden Zaun hinzu.</translation>
        </message>
        <message>
            <source>This code block is empty.</source>
            <translation>Dieser Codeblock ist leer.</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Befehl</translation>
        </message>
        <message>
            <source>Front-matter lines must read "key: value".</source>
            <translation>Front-Matter-Zeilen müssen „Schlüssel: Wert“ lauten.</translation>
        </message>
        <message>
            <source>timeout needs a number of seconds (1–86400).</source>
            <translation>timeout braucht eine Anzahl Sekunden (1–86400).</translation>
        </message>
        <message>
            <source>Unknown front-matter key "%1". Known: title, service, environment, schedule, description, host, group, cwd, timeout, param.NAME.</source>
            <translation>Unbekannter Front-Matter-Schlüssel „%1“. Bekannt sind: title, service, environment, schedule, description, host, group, cwd, timeout, param.NAME.</translation>
        </message>
        <message>
            <source>%1 is not a text file; a runbook must be Markdown.</source>
            <translation>%1 ist keine Textdatei; ein Runbook muss Markdown sein.</translation>
        </message>
        <message>
            <source>A dashboard key was written in the runbook. It was removed; keep the key in the keychain instead.</source>
            <translation>Im Runbook stand ein Dashboard-Schlüssel. Er wurde entfernt; bewahren Sie den Schlüssel stattdessen im Schlüsselbund auf.</translation>
        </message>
        <message>
            <source>The front matter is never closed with "---"; the file is read as plain Markdown.</source>
            <translation>Das Front Matter wird nie mit „---“ geschlossen; die Datei wird als reines Markdown gelesen.</translation>
        </message>
        <message>
            <source>%1 could not be read as Markdown.</source>
            <translation>%1 konnte nicht als Markdown gelesen werden.</translation>
        </message>
        <message>
            <source>Cannot open the runbook %1: %2. Check the path in the workspace's runbook folders.</source>
            <translation>Kann das Runbook %1 nicht öffnen: %2. Prüfen Sie den Pfad in den Runbook-Ordnern des Arbeitsbereichs.</translation>
        </message>
        <message>
            <source>%1 code cannot be checked for destructive actions; it is confirmed before it runs.</source>
            <translation>%1-Code lässt sich nicht auf destruktive Aktionen prüfen; er wird vor dem Ausführen bestätigt.</translation>
        </message>
        <message>
            <source>The attribute block has no closing "}".</source>
            <translation>Dem Attributblock fehlt die schließende „}“.</translation>
        </message>
        <message>
            <source>Text after the attribute block is ignored: %1</source>
            <translation>Text nach dem Attributblock wird ignoriert: %1</translation>
        </message>
        <message>
            <source>An attribute value has no name.</source>
            <translation>Ein Attributwert hat keinen Namen.</translation>
        </message>
        <message>
            <source>The value of %1 has no closing quote.</source>
            <translation>Dem Wert von %1 fehlt das schließende Anführungszeichen.</translation>
        </message>
        <message>
            <source>%1= has no value.</source>
            <translation>%1= hat keinen Wert.</translation>
        </message>
    </context>
    <context>
        <name>ServiceFetcher</name>
        <message>
            <source>service %1 has no endpoint named %2</source>
            <translation>Dienst %1 hat keinen Endpunkt namens %2</translation>
        </message>
    </context>
    <context>
        <name>ShellTokenizer</name>
        <message>
            <source>The command is nested too deeply to check.</source>
            <translation>Der Befehl ist zu tief verschachtelt, um ihn zu prüfen.</translation>
        </message>
        <message>
            <source>Unexpected “(” in the command.</source>
            <translation>Unerwartetes „(“ im Befehl.</translation>
        </message>
        <message>
            <source>Unexpected “)” in the command.</source>
            <translation>Unerwartetes „)“ im Befehl.</translation>
        </message>
        <message>
            <source>A “$(” is never closed with “)”.</source>
            <translation>Ein „$(“ wird nie mit „)“ geschlossen.</translation>
        </message>
        <message>
            <source>A “(” is never closed with “)”.</source>
            <translation>Ein „(“ wird nie mit „)“ geschlossen.</translation>
        </message>
        <message>
            <source>Unexpected “%1” in the command.</source>
            <translation>Unerwartetes „%1“ im Befehl.</translation>
        </message>
        <message>
            <source>The redirection “%1” has no file name after it.</source>
            <translation>Nach der Umleitung „%1“ fehlt ein Dateiname.</translation>
        </message>
        <message>
            <source>A single quote (') is never closed.</source>
            <translation>Ein einfaches Anführungszeichen (') wird nie geschlossen.</translation>
        </message>
        <message>
            <source>A double quote (") is never closed.</source>
            <translation>Ein doppeltes Anführungszeichen (") wird nie geschlossen.</translation>
        </message>
        <message>
            <source>A “$((” is never closed with “))”.</source>
            <translation>Ein „$((“ wird nie mit „))“ geschlossen.</translation>
        </message>
        <message>
            <source>A “${” is never closed with “}”.</source>
            <translation>Ein „${“ wird nie mit „}“ geschlossen.</translation>
        </message>
        <message>
            <source>A backtick (`) is never closed.</source>
            <translation>Ein Backtick (`) wird nie geschlossen.</translation>
        </message>
    </context>
    <context>
        <name>SimFault</name>
        <message>
            <source>The fault must be a JSON object such as {"service":"echopilot","path":"/api/health","mode":"hang"}.</source>
            <translation>Der Fehler muss ein JSON-Objekt sein, etwa {"service":"echopilot","path":"/api/health","mode":"hang"}.</translation>
        </message>
        <message>
            <source>The fault field "%1" must be a non-empty string ("*" matches everything).</source>
            <translation>Das Fehlerfeld „%1“ muss eine nicht leere Zeichenkette sein („*“ passt auf alles).</translation>
        </message>
        <message>
            <source>Unknown fault mode "%1": use status, hang, delay, malformed, oversized or nokey.</source>
            <translation>Unbekannter Fehlermodus „%1“: verwenden Sie status, hang, delay, malformed, oversized oder nokey.</translation>
        </message>
        <message>
            <source>The fault field "status" must be a standard HTTP status code such as 500 or 503.</source>
            <translation>Das Fehlerfeld „status“ muss ein üblicher HTTP-Statuscode sein, etwa 500 oder 503.</translation>
        </message>
        <message>
            <source>The fault field "delay_ms" must be a whole number of milliseconds between 0 and 600000.</source>
            <translation>Das Fehlerfeld „delay_ms“ muss eine ganze Zahl von Millisekunden zwischen 0 und 600000 sein.</translation>
        </message>
    </context>
    <context>
        <name>SimulatorConfig</name>
        <message>
            <source>Derive every figure from seed &lt;n&gt; (deterministic bodies).</source>
            <translation>Alle Werte aus dem Startwert &lt;n&gt; ableiten (deterministische Antworten).</translation>
        </message>
        <message>
            <source>Dashboard key EchoPilot expects in X-Dash-Key.</source>
            <translation>Dashboard-Schlüssel, den EchoPilot in X-Dash-Key erwartet.</translation>
        </message>
        <message>
            <source>Also serve &lt;n&gt; synthetic services synthetic-0..</source>
            <translation>Zusätzlich &lt;n&gt; synthetische Dienste synthetic-0.. bereitstellen.</translation>
        </message>
        <message>
            <source>Endpoints /ep/0../ep/&lt;n-1&gt; on each synthetic service.</source>
            <translation>Endpunkte /ep/0../ep/&lt;n-1&gt; auf jedem synthetischen Dienst.</translation>
        </message>
        <message>
            <source>Answer without artificial latency.</source>
            <translation>Ohne künstliche Latenz antworten.</translation>
        </message>
        <message>
            <source>Terminate when the process that started the simulator dies.</source>
            <translation>Beenden, wenn der Prozess endet, der den Simulator gestartet hat.</translation>
        </message>
        <message>
            <source>--seed needs a whole number such as 42, not "%1".</source>
            <translation>--seed braucht eine ganze Zahl wie 42, nicht „%1“.</translation>
        </message>
        <message>
            <source>--key must not be empty.</source>
            <translation>--key darf nicht leer sein.</translation>
        </message>
        <message>
            <source>--%1 needs a whole number from %2 to %3, not "%4".</source>
            <translation>--%1 braucht eine ganze Zahl von %2 bis %3, nicht „%4“.</translation>
        </message>
    </context>
    <context>
        <name>SshSession</name>
        <message>
            <source>The workspace has no host %1.</source>
            <translation>Der Arbeitsbereich hat keinen Host %1.</translation>
        </message>
        <message>
            <source>Host %1 is reached through the jump host %2, which the workspace does not define.</source>
            <translation>Host %1 wird über den Jump-Host %2 erreicht, den der Arbeitsbereich nicht definiert.</translation>
        </message>
        <message>
            <source>The jump hosts of %1 form a loop or a chain longer than %2 hops: %3.</source>
            <translation>Die Jump-Hosts von %1 bilden eine Schleife oder eine Kette mit mehr als %2 Sprüngen: %3.</translation>
        </message>
    </context>
    <context>
        <name>StatusCommand</name>
        <message>
            <source>FILE</source>
            <translation>DATEI</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>HEALTH</source>
            <translation>ZUSTAND</translation>
        </message>
        <message>
            <source>HTTP %1</source>
            <translation>HTTP %1</translation>
        </message>
        <message>
            <source>no HTTP answer</source>
            <translation>keine HTTP-Antwort</translation>
        </message>
        <message>
            <source>no latency</source>
            <translation>keine Latenz</translation>
        </message>
        <message>
            <source>not probed</source>
            <translation>nicht geprüft</translation>
        </message>
        <message>
            <source>Prometheus</source>
            <translation>Prometheus</translation>
        </message>
        <message>
            <source>no Prometheus server is set for the environment "%1"</source>
            <translation>für die Umgebung „%1“ ist kein Prometheus-Server festgelegt</translation>
        </message>
        <message>
            <source>Prometheus at %1 did not answer within 60 s</source>
            <translation>Prometheus unter %1 hat nicht innerhalb von 60 s geantwortet</translation>
        </message>
        <message>
            <source>SLOS</source>
            <translation>SLOS</translation>
        </message>
        <message>
            <source>FAST BURN — page</source>
            <translation>SCHNELLER BURN — alarmieren</translation>
        </message>
        <message>
            <source>slow burn</source>
            <translation>langsamer Burn</translation>
        </message>
        <message>
            <source>met</source>
            <translation>eingehalten</translation>
        </message>
        <message>
            <source>BREACHED</source>
            <translation>VERLETZT</translation>
        </message>
        <message>
            <source>  %1: availability %2 % (target %3 %), p95 %4 ms (&lt; %5), p99 %6 ms (&lt; %7), webhook success %8 % (target %9 %), error budget left %10 % over %11 days, burn 1 h %12× / 6 h %13× — %14 [source %15, %16 s old]</source>
            <translation>  %1: Verfügbarkeit %2 % (Ziel %3 %), p95 %4 ms (&lt; %5), p99 %6 ms (&lt; %7), Webhook-Erfolg %8 % (Ziel %9 %), verbleibendes Fehlerbudget %10 % über %11 Tage, Burn 1 h %12× / 6 h %13× — %14 [Quelle %15, %16 s alt]</translation>
        </message>
        <message>
            <source>QUEUES</source>
            <translation>WARTESCHLANGEN</translation>
        </message>
        <message>
            <source>  %1: depth %2 (&lt; %3), rate %4/min (&gt; %5), failed %6 % (&lt; %7 %), stuck %8 — %9</source>
            <translation>  %1: Tiefe %2 (&lt; %3), Rate %4/min (&gt; %5), fehlgeschlagen %6 % (&lt; %7 %), hängend %8 — %9</translation>
        </message>
        <message>
            <source>OVER A THRESHOLD</source>
            <translation>ÜBER EINEM SCHWELLENWERT</translation>
        </message>
        <message>
            <source>within thresholds, stuck jobs to clear</source>
            <translation>innerhalb der Schwellenwerte, hängende Jobs zu bereinigen</translation>
        </message>
        <message>
            <source>within thresholds</source>
            <translation>innerhalb der Schwellenwerte</translation>
        </message>
        <message>
            <source>PAYOUTS</source>
            <translation>AUSZAHLUNGEN</translation>
        </message>
        <message>
            <source>  %1: %2 rows, total %3%4</source>
            <translation>  %1: %2 Zeilen, Summe %3%4</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>, %1 malformed rows left out</source>
            <translation>, %1 fehlerhafte Zeilen ausgelassen</translation>
        </message>
        <message>
            <source>BACKUPS</source>
            <translation>SICHERUNGEN</translation>
        </message>
        <message>
            <source>listing timed out after 60 s</source>
            <translation>Zeitüberschreitung beim Auflisten nach 60 s</translation>
        </message>
        <message>
            <source>the listing command failed with exit status %1: %2</source>
            <translation>der Auflistungsbefehl ist mit Exit-Status %1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>  %1 on %2: could not list archives — %3</source>
            <translation>  %1 auf %2: Archive konnten nicht aufgelistet werden — %3</translation>
        </message>
        <message>
            <source>  %1 on %2: %3 archives, RPO %4 — %5; retention: %6</source>
            <translation>  %1 auf %2: %3 Archive, RPO %4 — %5; Aufbewahrung: %6</translation>
        </message>
        <message>
            <source>HOSTS</source>
            <translation>HOSTS</translation>
        </message>
        <message>
            <source>%1: could not be asked — %2</source>
            <translation>%1: konnte nicht abgefragt werden — %2</translation>
        </message>
        <message>
            <source>%1, at %2:</source>
            <translation>%1, unter %2:</translation>
        </message>
        <message>
            <source> — CPU %1 %, memory %2 % (%3 of %4): %5</source>
            <translation> — CPU %1 %, Speicher %2 % (%3 von %4): %5</translation>
        </message>
        <message>
            <source>    container %1%2: %3%4%5</source>
            <translation>    Container %1%2: %3%4%5</translation>
        </message>
        <message>
            <source>    disk %1 (%2): %3 % used, %4 free — %5</source>
            <translation>    Datenträger %1 (%2): %3 % belegt, %4 frei — %5</translation>
        </message>
        <message>
            <source>    problem: %1</source>
            <translation>    Problem: %1</translation>
        </message>
        <message>
            <source>There is no Pilothouse database at %1. Name the console's database with --database FILE, or leave the option out.</source>
            <translation>Unter %1 gibt es keine Pilothouse-Datenbank. Geben Sie die Datenbank der Konsole mit --database DATEI an, oder lassen Sie die Option weg.</translation>
        </message>
        <message>
            <source>Could not read who acknowledged the alerts from %1: %2</source>
            <translation>Aus %1 konnte nicht gelesen werden, wer die Alarme bestätigt hat: %2</translation>
        </message>
        <message>
            <source>ALERTS</source>
            <translation>ALARME</translation>
        </message>
        <message>
            <source>  (one sweep: only rules without a duration can fire here; the console watching over time may show more)</source>
            <translation>  (ein Durchgang: Hier können nur Regeln ohne Dauer auslösen; die Konsole, die über längere Zeit beobachtet, zeigt möglicherweise mehr)</translation>
        </message>
        <message>
            <source>  none</source>
            <translation>  keine</translation>
        </message>
        <message>
            <source> — acknowledged by %1 since %2</source>
            <translation> — bestätigt von %1 seit %2</translation>
        </message>
        <message>
            <source>: "%1"</source>
            <translation>: "%1"</translation>
        </message>
        <message>
            <source>Probe an environment once and print every dashboard's figures.</source>
            <translation>Eine Umgebung einmal prüfen und die Kennzahlen aller Dashboards ausgeben.</translation>
        </message>
        <message>
            <source>The console's database FILE, for who acknowledged the alerts (default: %1).</source>
            <translation>DATEI der Datenbank der Konsole, um zu lesen, wer die Alarme bestätigt hat (Standard: %1).</translation>
        </message>
        <message>
            <source>All good.</source>
            <translation>Alles in Ordnung.</translation>
        </message>
        <message>
            <source>Something needs attention.</source>
            <translation>Etwas erfordert Aufmerksamkeit.</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>ok</translation>
        </message>
        <message>
            <source>%1 (over %2 %)</source>
            <translation>%1 (über %2 %)</translation>
        </message>
    </context>
    <context>
        <name>WorkspaceLoader</name>
        <message>
            <source>expected a JSON object ({ … }) at the top level</source>
            <translation>auf oberster Ebene wird ein JSON-Objekt ({ … }) erwartet</translation>
        </message>
        <message>
            <source>nested deeper than %1 levels; a workspace needs far fewer</source>
            <translation>tiefer als %1 Ebenen verschachtelt; ein Arbeitsbereich braucht weit weniger</translation>
        </message>
        <message>
            <source>required: expected the schema version (%1)</source>
            <translation>erforderlich: Schema-Version (%1) erwartet</translation>
        </message>
        <message>
            <source>expected a positive integer schema version (%1)</source>
            <translation>positive ganze Zahl als Schema-Version erwartet (%1)</translation>
        </message>
        <message>
            <source>%1 uses workspace schema %2, but this version of Pilothouse reads schema %3 and older: update Pilothouse to open it</source>
            <translation>%1 verwendet Arbeitsbereichsschema %2, diese Pilothouse-Version liest aber nur Schema %3 und älter: aktualisieren Sie Pilothouse, um die Datei zu öffnen</translation>
        </message>
        <message>
            <source>expected an object</source>
            <translation>Objekt erwartet</translation>
        </message>
        <message>
            <source>unterminated string: expected a closing quote (") before the end of the line</source>
            <translation>nicht abgeschlossene Zeichenkette: schließendes Anführungszeichen (") vor dem Zeilenende erwartet</translation>
        </message>
        <message>
            <source>trailing comma: remove the ',' before '%1'</source>
            <translation>überzähliges Komma: entfernen Sie das ',' vor '%1'</translation>
        </message>
        <message>
            <source>unterminated comment: expected */</source>
            <translation>nicht abgeschlossener Kommentar: */ erwartet</translation>
        </message>
        <message>
            <source>unexpected text after the end of the workspace: expected end of input</source>
            <translation>unerwarteter Text nach dem Ende des Arbeitsbereichs: Ende der Eingabe erwartet</translation>
        </message>
        <message>
            <source>invalid literal: expected a value (a "string", a number, true, false, null, an object or a list)</source>
            <translation>ungültiges Literal: Wert erwartet (eine "Zeichenkette", eine Zahl, true, false, null, ein Objekt oder eine Liste)</translation>
        </message>
        <message>
            <source>%1:%2:%3: not valid JSON: %4</source>
            <translation>%1:%2:%3: kein gültiges JSON: %4</translation>
        </message>
        <message>
            <source>a secret is written into the workspace file: move it to the keychain and reference it with `%1`</source>
            <translation>in der Arbeitsbereichsdatei steht ein Geheimnis: verschieben Sie es in den Schlüsselbund und verweisen Sie mit `%1` darauf</translation>
        </message>
        <message>
            <source>a private key is written into the workspace file: move it to the keychain and reference it with `secret_ref`, or point `identity_file` at the key file</source>
            <translation>in der Arbeitsbereichsdatei steht ein privater Schlüssel: verschieben Sie ihn in den Schlüsselbund und verweisen Sie mit `secret_ref` darauf, oder lassen Sie `identity_file` auf die Schlüsseldatei zeigen</translation>
        </message>
        <message>
            <source>expected the environment name (schema 1)</source>
            <translation>Name der Umgebung erwartet (Schema 1)</translation>
        </message>
        <message>
            <source>required in schema 1: expected the environment name</source>
            <translation>in Schema 1 erforderlich: Name der Umgebung erwartet</translation>
        </message>
        <message>
            <source>migrated from schema 1 (in memory); rewrite the file in schema %1 to silence this warning</source>
            <translation>aus Schema 1 migriert (im Speicher); schreiben Sie die Datei in Schema %1 um, damit diese Warnung verschwindet</translation>
        </message>
        <message>
            <source>unterminated variable: expected } after ${</source>
            <translation>nicht abgeschlossene Variable: } nach ${ erwartet</translation>
        </message>
        <message>
            <source>unknown variable ${%1}; the variables given are: %2</source>
            <translation>unbekannte Variable ${%1}; vorhandene Variablen: %2</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>unknown key "%1" is ignored</source>
            <translation>unbekannter Schlüssel „%1“ wird ignoriert</translation>
        </message>
        <message>
            <source>required: expected a string</source>
            <translation>erforderlich: Zeichenkette erwartet</translation>
        </message>
        <message>
            <source>expected a string</source>
            <translation>Zeichenkette erwartet</translation>
        </message>
        <message>
            <source>expected a non-empty string</source>
            <translation>nicht leere Zeichenkette erwartet</translation>
        </message>
        <message>
            <source>expected one of %1</source>
            <translation>einer von %1 erwartet</translation>
        </message>
        <message>
            <source>expected true or false</source>
            <translation>true oder false erwartet</translation>
        </message>
        <message>
            <source>expected an integer from %1 to %2</source>
            <translation>ganze Zahl von %1 bis %2 erwartet</translation>
        </message>
        <message>
            <source>expected a list of strings</source>
            <translation>Liste von Zeichenketten erwartet</translation>
        </message>
        <message>
            <source>expected an object of strings</source>
            <translation>Objekt mit Zeichenketten erwartet</translation>
        </message>
        <message>
            <source>expected an absolute http or https URL, e.g. "https://ops.example.com"</source>
            <translation>absolute http- oder https-URL erwartet, z. B. "https://ops.example.com"</translation>
        </message>
        <message>
            <source>expected a list</source>
            <translation>Liste erwartet</translation>
        </message>
        <message>
            <source>required: expected a list of environments</source>
            <translation>erforderlich: Liste von Umgebungen erwartet</translation>
        </message>
        <message>
            <source>expected an IANA time zone such as "Europe/Berlin" or "UTC"</source>
            <translation>IANA-Zeitzone wie "Europe/Berlin" oder "UTC" erwartet</translation>
        </message>
        <message>
            <source>environment</source>
            <translation>Umgebung</translation>
        </message>
        <message>
            <source>expected a path starting with "/"</source>
            <translation>Pfad erwartet, der mit "/" beginnt</translation>
        </message>
        <message>
            <source>only botcore services have a component; it is ignored</source>
            <translation>nur botcore-Dienste haben eine Komponente; sie wird ignoriert</translation>
        </message>
        <message>
            <source>required for %1 services: expected one of %2</source>
            <translation>für %1-Dienste erforderlich: einer von %2 erwartet</translation>
        </message>
        <message>
            <source>duplicate endpoint name "%1"</source>
            <translation>doppelter Endpunktname „%1“</translation>
        </message>
        <message>
            <source>required for generic services: expected a list of endpoints</source>
            <translation>für generische Dienste erforderlich: Liste von Endpunkten erwartet</translation>
        </message>
        <message>
            <source>no endpoint "%1" in this service; expected one of %2</source>
            <translation>kein Endpunkt „%1“ in diesem Dienst; einer von %2 erwartet</translation>
        </message>
        <message>
            <source>expected a JSON pointer such as "/data/status"</source>
            <translation>JSON-Pointer wie "/data/status" erwartet</translation>
        </message>
        <message>
            <source>expected an absolute path on the host, e.g. "/opt/bot-core"</source>
            <translation>absoluter Pfad auf dem Host erwartet, z. B. "/opt/bot-core"</translation>
        </message>
        <message>
            <source>expected at least 500 ms, or 0 for the workspace default</source>
            <translation>mindestens 500 ms erwartet, oder 0 für die Vorgabe des Arbeitsbereichs</translation>
        </message>
        <message>
            <source>some endpoints need an X-Dash-Key but dashboard_key_ref is not set; they will answer 401</source>
            <translation>einige Endpunkte brauchen einen X-Dash-Key, aber dashboard_key_ref ist nicht gesetzt; sie werden mit 401 antworten</translation>
        </message>
        <message>
            <source>service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>"endpoint" needs an endpoint named "slo" in this service; choose "metrics" or "prometheus", or add the endpoint</source>
            <translation>"endpoint" benötigt in diesem Dienst einen Endpunkt namens "slo"; wählen Sie "metrics" oder "prometheus", oder fügen Sie den Endpunkt hinzu</translation>
        </message>
        <message>
            <source>no endpoint "%1" in this service to read /metrics from</source>
            <translation>kein Endpunkt „%1“ in diesem Dienst, von dem /metrics gelesen werden kann</translation>
        </message>
        <message>
            <source>no selector: the queries will add up every job the Prometheus server scrapes</source>
            <translation>kein Selektor: Die Abfragen summieren alle Jobs, die der Prometheus-Server abruft</translation>
        </message>
        <message>
            <source>required with "auth": "key": expected the path of the private key file</source>
            <translation>erforderlich bei "auth": "key": Pfad der privaten Schlüsseldatei erwartet</translation>
        </message>
        <message>
            <source>required with "auth": "password": expected the keychain entry that holds the password</source>
            <translation>erforderlich bei "auth": "password": Schlüsselbund-Eintrag mit dem Passwort erwartet</translation>
        </message>
        <message>
            <source>host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>backup job</source>
            <translation>Backup-Job</translation>
        </message>
        <message>
            <source>expected an object of numbers, e.g. {"queue.depth.max": 50}</source>
            <translation>Objekt mit Zahlen erwartet, z. B. {"queue.depth.max": 50}</translation>
        </message>
        <message>
            <source>expected a number</source>
            <translation>Zahl erwartet</translation>
        </message>
        <message>
            <source>shorter than probe_inactivity_timeout_ms, so the inactivity timeout never fires</source>
            <translation>kürzer als probe_inactivity_timeout_ms, daher greift die Inaktivitäts-Zeitüberschreitung nie</translation>
        </message>
        <message>
            <source>expected an ISO date such as "2026-01-03"</source>
            <translation>ISO-Datum wie "2026-01-03" erwartet</translation>
        </message>
        <message>
            <source>is not a Saturday; maintenance windows are counted from this day</source>
            <translation>ist kein Samstag; Wartungsfenster werden ab diesem Tag gezählt</translation>
        </message>
        <message>
            <source>duplicate %1 name "%2" (first used at %3)</source>
            <translation>doppelter Name „%2“ (%1, zuerst verwendet bei %3)</translation>
        </message>
        <message>
            <source>no environment named "%1"; expected one of the environments listed in /environments</source>
            <translation>keine Umgebung namens „%1“; erwartet wird eine der unter /environments aufgeführten Umgebungen</translation>
        </message>
        <message>
            <source>no host named "%1"; expected one of the hosts listed in /hosts</source>
            <translation>kein Host namens „%1“; erwartet wird einer der unter /hosts aufgeführten Hosts</translation>
        </message>
        <message>
            <source>"prometheus" needs a Prometheus server: set %1/prometheus/url (or /settings/prometheus_url for every environment)</source>
            <translation>"prometheus" benötigt einen Prometheus-Server: Setzen Sie %1/prometheus/url (oder /settings/prometheus_url für alle Umgebungen)</translation>
        </message>
        <message>
            <source>jump hosts form a loop: %1</source>
            <translation>Jump-Hosts bilden eine Schleife: %1</translation>
        </message>
        <message numerus="yes">
            <source>(and %n more problem(s))</source>
            <translation><numerusform>(und %n weiteres Problem)</numerusform><numerusform>(und %n weitere Probleme)</numerusform></translation>
        </message>
        <message>
            <source>Cannot read the workspace file %1: %2</source>
            <translation>Kann die Arbeitsbereichsdatei %1 nicht lesen: %2</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Usage: pilothouse-cli COMMAND [options]

Commands:
  probe     check every endpoint once (--workspace F | --demo, --env E, --json)
  status    every dashboard's figures once (--workspace F | --demo, --env E, --json)
  runbook   import FILE | list | show NAME (--json) | run NAME (--help)
  audit     verify the audit log (--database F, --json) | export --csv
  exec      run a command on hosts over SSH (--host H... | --group G) -- CMD

Exit codes: 0 all good, 1 a check failed, 2 usage or configuration error,
3 needs a person, 4 refused, 5 keychain unavailable.
Run 'pilothouse-cli COMMAND --help' for a command's options.
</source>
            <translation>Verwendung: pilothouse-cli BEFEHL [Optionen]

Befehle:
  probe     jeden Endpunkt einmal prüfen (--workspace F | --demo, --env E, --json)
  status    die Kennzahlen aller Dashboards einmal (--workspace F | --demo, --env E, --json)
  runbook   import DATEI | list | show NAME (--json) | run NAME (--help)
  audit     das Audit-Protokoll prüfen (--database F, --json) | export --csv
  exec      einen Befehl per SSH auf Hosts ausführen (--host H... | --group G) -- CMD

Exit-Codes: 0 alles in Ordnung, 1 eine Prüfung ist fehlgeschlagen, 2 Aufruf- oder Konfigurationsfehler,
3 braucht eine Person, 4 abgelehnt, 5 Schlüsselbund nicht verfügbar.
Führen Sie 'pilothouse-cli BEFEHL --help' aus, um die Optionen eines Befehls zu sehen.
</translation>
        </message>
        <message>
            <source>Unknown command "%1".</source>
            <translation>Unbekannter Befehl „%1“.</translation>
        </message>
        <message>
            <source>Operations console for on-call engineers.</source>
            <translation>Betriebskonsole für Bereitschaftsdienste.</translation>
        </message>
        <message>
            <source>Open the workspace FILE.</source>
            <translation>Den Arbeitsbereich DATEI öffnen.</translation>
        </message>
        <message>
            <source>FILE</source>
            <translation>DATEI</translation>
        </message>
        <message>
            <source>Start the simulator and open the demo workspace.</source>
            <translation>Den Simulator starten und den Demo-Arbeitsbereich öffnen.</translation>
        </message>
        <message>
            <source>Show environment NAME.</source>
            <translation>Umgebung NAME anzeigen.</translation>
        </message>
        <message>
            <source>NAME</source>
            <translation>NAME</translation>
        </message>
        <message>
            <source>Demo unavailable</source>
            <translation>Demo nicht verfügbar</translation>
        </message>
        <message>
            <source>Cannot open the workspace</source>
            <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Serves simulated EchoPilot and Bot Core APIs on 127.0.0.1 and prints one JSON line mapping service names to ports.</source>
            <translation>Stellt simulierte EchoPilot- und Bot-Core-APIs auf 127.0.0.1 bereit und gibt eine JSON-Zeile aus, die Dienstnamen Ports zuordnet.</translation>
        </message>
    </context>
    <context>
        <name>ph::AcknowledgeDialog</name>
        <message>
            <source>Acknowledge alert</source>
            <translation>Alarm bestätigen</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; %2</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; %2</translation>
        </message>
        <message>
            <source>Who takes this alert</source>
            <translation>Wer übernimmt diesen Alarm</translation>
        </message>
        <message>
            <source>Optional: what you are doing about it</source>
            <translation>Optional: was Sie dagegen unternehmen</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>Bestätigen</translation>
        </message>
        <message>
            <source>&amp;Owner:</source>
            <translation>&amp;Verantwortliche(r):</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>&amp;Notiz:</translation>
        </message>
        <message>
            <source>Acknowledging stops the escalation of this P0 to the war room.</source>
            <translation>Das Bestätigen stoppt die Eskalation dieses P0 an den War Room.</translation>
        </message>
        <message>
            <source>Acknowledging tells the team that someone is on it.</source>
            <translation>Das Bestätigen teilt dem Team mit, dass sich jemand darum kümmert.</translation>
        </message>
    </context>
    <context>
        <name>ph::AlertCenter</name>
        <message>
            <source>There is no database to keep acknowledgements in.</source>
            <translation>Es gibt keine Datenbank, in der Bestätigungen gespeichert werden können.</translation>
        </message>
        <message>
            <source>The alerts already keep their acknowledgements in a database.</source>
            <translation>Die Alarme speichern ihre Bestätigungen bereits in einer Datenbank.</translation>
        </message>
    </context>
    <context>
        <name>ph::AlertEngine</name>
        <message>
            <source>“%1” names no alert rule</source>
            <translation>„%1“ bezeichnet keine Alarmregel</translation>
        </message>
        <message>
            <source>“%1” is not a number</source>
            <translation>„%1“ ist keine Zahl</translation>
        </message>
        <message>
            <source>Alert thresholds in the workspace were not applied: %1. Fix them in the workspace's “thresholds”; the previous thresholds stay in force.</source>
            <translation>Alarmschwellen im Arbeitsbereich wurden nicht übernommen: %1. Korrigieren Sie sie unter „thresholds“ im Arbeitsbereich; bis dahin gelten die bisherigen Schwellen.</translation>
        </message>
        <message>
            <source>Escalated: %1</source>
            <translation>Eskaliert: %1</translation>
        </message>
        <message>
            <source>%1 unacknowledged for %2 minutes. Input: %3</source>
            <translation>%1 seit %2 Minuten unbestätigt. Eingabe: %3</translation>
        </message>
        <message>
            <source>%1 since %2. Input: %3</source>
            <translation>%1 seit %2. Eingabe: %3</translation>
        </message>
        <message>
            <source>Say who takes the alert: the owner is empty.</source>
            <translation>Geben Sie an, wer den Alarm übernimmt: der Verantwortliche ist leer.</translation>
        </message>
        <message>
            <source>%1 already took this alert at %2.</source>
            <translation>%1 hat diesen Alarm bereits um %2 übernommen.</translation>
        </message>
        <message>
            <source>This alert has already resolved; there is nothing to take.</source>
            <translation>Dieser Alarm ist bereits erledigt; es gibt nichts zu übernehmen.</translation>
        </message>
        <message>
            <source>There is no alert with this id; refresh the list.</source>
            <translation>Es gibt keinen Alarm mit dieser ID; aktualisieren Sie die Liste.</translation>
        </message>
    </context>
    <context>
        <name>ph::AlertsModel</name>
        <message>
            <source>P0 — critical</source>
            <translation>P0 — kritisch</translation>
        </message>
        <message>
            <source>P1 — high</source>
            <translation>P1 — hoch</translation>
        </message>
        <message>
            <source>P2 — warning</source>
            <translation>P2 — Warnung</translation>
        </message>
        <message>
            <source>%1 (%2 local)</source>
            <translation>%1 (%2 lokal)</translation>
        </message>
        <message>
            <source>unacknowledged</source>
            <translation>unbestätigt</translation>
        </message>
        <message>
            <source>ESCALATED — war room</source>
            <translation>ESKALIERT — War Room</translation>
        </message>
        <message>
            <source>Nobody has taken this alert yet.</source>
            <translation>Noch niemand hat diesen Alarm übernommen.</translation>
        </message>
        <message>
            <source>Acknowledged by %1 at %2</source>
            <translation>Bestätigt von %1 um %2</translation>
        </message>
        <message>
            <source>Acknowledged by %1 at %2: %3</source>
            <translation>Bestätigt von %1 um %2: %3</translation>
        </message>
        <message>
            <source>Unacknowledged for too long; escalated at %1</source>
            <translation>Zu lange unbestätigt; eskaliert um %1</translation>
        </message>
        <message>
            <source>Production environment</source>
            <translation>Produktionsumgebung</translation>
        </message>
        <message>
            <source>%1
Input: %2</source>
            <translation>%1
Eingabe: %2</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Schweregrad</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alarm</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>Umgebung</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>Behoben</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Seit</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Verantwortliche(r)</translation>
        </message>
        <message>
            <source>Escalation</source>
            <translation>Eskalation</translation>
        </message>
    </context>
    <context>
        <name>ph::AlertsView</name>
        <message>
            <source>&amp;Acknowledge…</source>
            <translation>&amp;Bestätigen…</translation>
        </message>
        <message>
            <source>Open response &amp;runbook</source>
            <translation>Reaktions-&amp;Runbook öffnen</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alarme</translation>
        </message>
        <message>
            <source>Mute notifications</source>
            <translation>Benachrichtigungen stummschalten</translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation><numerusform>%n min</numerusform><numerusform>%n min</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation><numerusform>%n h</numerusform><numerusform>%n h</numerusform></translation>
        </message>
        <message>
            <source>Mute %1 for %2</source>
            <translation>%1 für %2 stummschalten</translation>
        </message>
        <message>
            <source>Unmute %1</source>
            <translation>Stummschaltung von %1 aufheben</translation>
        </message>
        <message>
            <source>Recently resolved</source>
            <translation>Kürzlich behoben</translation>
        </message>
        <message>
            <source>above %1</source>
            <translation>über %1</translation>
        </message>
        <message>
            <source>at least %1</source>
            <translation>mindestens %1</translation>
        </message>
        <message>
            <source>below %1</source>
            <translation>unter %1</translation>
        </message>
        <message>
            <source>at most %1</source>
            <translation>höchstens %1</translation>
        </message>
        <message>
            <source>is no</source>
            <translation>nein</translation>
        </message>
        <message>
            <source>is yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <source>No active alerts. Alerts appear here when a rule of a service's profile holds long enough.</source>
            <translation>Keine aktiven Alarme. Alarme erscheinen hier, wenn eine Regel aus dem Profil eines Dienstes lange genug zutrifft.</translation>
        </message>
        <message>
            <source>Choose an alert to see its details.</source>
            <translation>Wählen Sie einen Alarm, um seine Details zu sehen.</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <source>no</source>
            <translation>nein</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Input</source>
            <translation>Eingabe</translation>
        </message>
        <message>
            <source>Latest value</source>
            <translation>Letzter Wert</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>Regel</translation>
        </message>
        <message>
            <source>%1: fires when the input %2</source>
            <translation>%1: löst aus, wenn die Eingabe %2 ist</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Seit</translation>
        </message>
        <message>
            <source>Fired</source>
            <translation>Ausgelöst</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Verantwortliche(r)</translation>
        </message>
        <message>
            <source>%1, since %2</source>
            <translation>%1, seit %2</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>nobody yet — escalates 5 minutes after firing</source>
            <translation>noch niemand — eskaliert 5 Minuten nach dem Auslösen</translation>
        </message>
        <message>
            <source>nobody yet</source>
            <translation>noch niemand</translation>
        </message>
        <message>
            <source>Escalated</source>
            <translation>Eskaliert</translation>
        </message>
        <message>
            <source>%1 — shown in the war room</source>
            <translation>%1 — im War Room angezeigt</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>Behoben</translation>
        </message>
        <message>
            <source>Response runbook</source>
            <translation>Reaktions-Runbook</translation>
        </message>
        <message>
            <source>%1 muted until %2</source>
            <translation>%1 stummgeschaltet bis %2</translation>
        </message>
        <message>
            <source>%1 on</source>
            <translation>%1 an</translation>
        </message>
        <message>
            <source>Notifications: %1</source>
            <translation>Benachrichtigungen: %1</translation>
        </message>
        <message>
            <source>Desktop notifications go out for new P0 and P1 alerts and for escalations; P2 alerts only show here.</source>
            <translation>Desktop-Benachrichtigungen werden für neue P0- und P1-Alarme und für Eskalationen gesendet; P2-Alarme erscheinen nur hier.</translation>
        </message>
        <message>
            <source>No active alerts</source>
            <translation>Keine aktiven Alarme</translation>
        </message>
        <message numerus="yes">
            <source>%n active (%1), %2 unacknowledged</source>
            <translation><numerusform>%n aktiv (%1), %2 unbestätigt</numerusform><numerusform>%n aktiv (%1), %2 unbestätigt</numerusform></translation>
        </message>
        <message>
            <source>%1 took the alert.</source>
            <translation>%1 hat den Alarm übernommen.</translation>
        </message>
    </context>
    <context>
        <name>ph::AuditLog</name>
        <message>
            <source>An audit record cannot be read; run a verification of the audit log.</source>
            <translation>Ein Audit-Eintrag ist nicht lesbar; lassen Sie das Audit-Protokoll prüfen.</translation>
        </message>
        <message>
            <source>The audit log's seal key is not available, so nothing was recorded. Unlock the keychain and try again.</source>
            <translation>Der Siegelschlüssel des Audit-Protokolls ist nicht verfügbar, daher wurde nichts aufgezeichnet. Entsperren Sie den Schlüsselbund und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The output digest of an audit record must be 64 lowercase hex digits (SHA-256); nothing was recorded.</source>
            <translation>Der Ausgabe-Digest eines Audit-Eintrags muss aus 64 kleingeschriebenen Hex-Ziffern bestehen (SHA-256); es wurde nichts aufgezeichnet.</translation>
        </message>
        <message>
            <source>The audit log stayed locked by another Pilothouse window or command, so nothing was recorded. Try again in a moment.</source>
            <translation>Das Audit-Protokoll blieb von einem anderen Pilothouse-Fenster oder -Befehl gesperrt, daher wurde nichts aufgezeichnet. Versuchen Sie es gleich noch einmal.</translation>
        </message>
        <message>
            <source>The audit log's seal does not match its last record: records may have been removed or rewritten, or the seal key in the keychain has changed. Nothing was recorded; verify the audit log to see what is wrong.</source>
            <translation>Das Siegel des Audit-Protokolls passt nicht zu seinem letzten Eintrag: Einträge wurden womöglich entfernt oder umgeschrieben, oder der Siegelschlüssel im Schlüsselbund hat sich geändert. Es wurde nichts aufgezeichnet; prüfen Sie das Audit-Protokoll, um die Ursache zu sehen.</translation>
        </message>
        <message>
            <source>record %1: missing, the chain jumps from record %2 to record %3</source>
            <translation>Eintrag %1: fehlt, die Kette springt von Eintrag %2 zu Eintrag %3</translation>
        </message>
        <message>
            <source>record %1: previous-hash link broken</source>
            <translation>Eintrag %1: Verweis auf den vorigen Hash gebrochen</translation>
        </message>
        <message>
            <source>record %1: hash does not match its contents</source>
            <translation>Eintrag %1: Hash passt nicht zum Inhalt</translation>
        </message>
        <message>
            <source>record %1: its stored columns do not match its contents</source>
            <translation>Eintrag %1: gespeicherte Spalten passen nicht zum Inhalt</translation>
        </message>
        <message>
            <source>the seal cannot be checked: the audit log's seal key is not available (unlock the keychain)</source>
            <translation>das Siegel kann nicht geprüft werden: der Siegelschlüssel des Audit-Protokolls ist nicht verfügbar (entsperren Sie den Schlüsselbund)</translation>
        </message>
        <message>
            <source>seal does not match: the seal is missing, the chain was rewritten</source>
            <translation>Siegel passt nicht: das Siegel fehlt, die Kette wurde umgeschrieben</translation>
        </message>
        <message>
            <source>seal does not match: the chain was rewritten, or the seal key is not the one this log was sealed with</source>
            <translation>Siegel passt nicht: die Kette wurde umgeschrieben, oder der Siegelschlüssel ist nicht der, mit dem dieses Protokoll versiegelt wurde</translation>
        </message>
        <message>
            <source>chain ends at %1 but the seal says %2 records: records were removed from the end</source>
            <translation>die Kette endet bei %1, das Siegel nennt aber %2 Einträge: am Ende wurden Einträge entfernt</translation>
        </message>
        <message>
            <source>chain has %1 records but the seal covers only %2: records after %2 were added without the seal key</source>
            <translation>die Kette hat %1 Einträge, das Siegel deckt aber nur %2 ab: Einträge nach %2 wurden ohne den Siegelschlüssel hinzugefügt</translation>
        </message>
        <message>
            <source>seal does not match: the chain was rewritten</source>
            <translation>Siegel passt nicht: die Kette wurde umgeschrieben</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s), chain and seal intact</source>
            <translation><numerusform>%n Eintrag, Kette und Siegel intakt</numerusform><numerusform>%n Einträge, Kette und Siegel intakt</numerusform></translation>
        </message>
        <message>
            <source>The audit log's seal key in the keychain (%1) is damaged. Restore it from a backup of the keychain; Pilothouse does not replace it, because the existing log could then no longer be verified.</source>
            <translation>Der Siegelschlüssel des Audit-Protokolls im Schlüsselbund (%1) ist beschädigt. Stellen Sie ihn aus einer Sicherung des Schlüsselbunds wieder her; Pilothouse ersetzt ihn nicht, weil sich das bestehende Protokoll sonst nicht mehr prüfen ließe.</translation>
        </message>
    </context>
    <context>
        <name>ph::AuditRecorderWorker</name>
        <message>
            <source>The audit log is not available (no local database), so this action was not recorded.</source>
            <translation>Das Audit-Protokoll ist nicht verfügbar (keine lokale Datenbank), daher wurde diese Aktion nicht protokolliert.</translation>
        </message>
    </context>
    <context>
        <name>ph::AuditView</name>
        <message>
            <source>Command</source>
            <translation>Befehl</translation>
        </message>
        <message>
            <source>Confirmation</source>
            <translation>Bestätigung</translation>
        </message>
        <message>
            <source>Refusal</source>
            <translation>Ablehnung</translation>
        </message>
        <message>
            <source>Host key</source>
            <translation>Host-Schlüssel</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>Checkliste</translation>
        </message>
        <message>
            <source>Incident</source>
            <translation>Vorfall</translation>
        </message>
        <message>
            <source>dialog</source>
            <translation>Dialog</translation>
        </message>
        <message>
            <source>--confirm flag</source>
            <translation>--confirm-Option</translation>
        </message>
        <message>
            <source>typed name</source>
            <translation>eingegebener Name</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>Vor</translation>
        </message>
        <message>
            <source>&amp;Verify chain</source>
            <translation>Kette &amp;prüfen</translation>
        </message>
        <message>
            <source>&amp;Export CSV…</source>
            <translation>CSV &amp;exportieren…</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>Audit-Protokoll</translation>
        </message>
        <message>
            <source>Search actor, host, command, details…</source>
            <translation>Akteur, Host, Befehl, Details durchsuchen…</translation>
        </message>
        <message>
            <source>All environments</source>
            <translation>Alle Umgebungen</translation>
        </message>
        <message>
            <source>All hosts</source>
            <translation>Alle Hosts</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>Alle Arten</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Filter zurücksetzen</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Time (UTC)</source>
            <translation>Zeit (UTC)</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Actor</source>
            <translation>Akteur</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>Umgebung</translation>
        </message>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Exit</source>
            <translation>Exit</translation>
        </message>
        <message>
            <source>Confirmed by</source>
            <translation>Bestätigt von</translation>
        </message>
        <message>
            <source>Check every record's hash link and the keychain-sealed chain head</source>
            <translation>Die Hash-Verkettung jedes Eintrags und den im Schlüsselbund versiegelten Kettenkopf prüfen</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>Exported to %1.</source>
            <translation>Nach %1 exportiert.</translation>
        </message>
        <message>
            <source>the seal key in the keychain (%1) is damaged</source>
            <translation>der Siegelschlüssel im Schlüsselbund (%1) ist beschädigt</translation>
        </message>
        <message>
            <source>Could not read the audit log: %1</source>
            <translation>Das Audit-Protokoll konnte nicht gelesen werden: %1</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation><numerusform>%n Eintrag</numerusform><numerusform>%n Einträge</numerusform></translation>
        </message>
        <message>
            <source>Checking the chain…</source>
            <translation>Kette wird geprüft…</translation>
        </message>
        <message>
            <source>Could not check the audit log: %1</source>
            <translation>Das Audit-Protokoll konnte nicht geprüft werden: %1</translation>
        </message>
        <message>
            <source>Chain OK: %1.</source>
            <translation>Kette OK: %1.</translation>
        </message>
        <message>
            <source>Chain OK: the audit log is empty.</source>
            <translation>Kette OK: Das Audit-Protokoll ist leer.</translation>
        </message>
        <message>
            <source>the seal key is not in the keychain</source>
            <translation>der Siegelschlüssel ist nicht im Schlüsselbund</translation>
        </message>
        <message numerus="yes">
            <source>The %n record(s) link up, but the seal cannot be checked (%1). Unlock the keychain and verify again.</source>
            <translation><numerusform>Der %n Eintrag ist korrekt verkettet, aber das Siegel kann nicht geprüft werden (%1). Entsperren Sie den Schlüsselbund und prüfen Sie erneut.</numerusform><numerusform>Die %n Einträge sind korrekt verkettet, aber das Siegel kann nicht geprüft werden (%1). Entsperren Sie den Schlüsselbund und prüfen Sie erneut.</numerusform></translation>
        </message>
        <message>
            <source>Chain BROKEN: %1</source>
            <translation>Kette BESCHÄDIGT: %1</translation>
        </message>
        <message>
            <source>Export audit log</source>
            <translation>Audit-Protokoll exportieren</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <source>Could not write %1. Choose a folder you can write to.</source>
            <translation>%1 konnte nicht geschrieben werden. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
        </message>
    </context>
    <context>
        <name>ph::BackupsPanel</name>
        <message>
            <source>Daily</source>
            <translation>Täglich</translation>
        </message>
        <message>
            <source>Weekly</source>
            <translation>Wöchentlich</translation>
        </message>
        <message>
            <source>Monthly</source>
            <translation>Monatlich</translation>
        </message>
        <message>
            <source>Yearly</source>
            <translation>Jährlich</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>&amp;Verify newest</source>
            <translation>Neueste &amp;prüfen</translation>
        </message>
        <message>
            <source>Re&amp;store…</source>
            <translation>&amp;Wiederherstellen…</translation>
        </message>
        <message>
            <source>Backups</source>
            <translation>Sicherungen</translation>
        </message>
        <message>
            <source>List every job's archives again over SSH</source>
            <translation>Die Archive aller Jobs erneut per SSH auflisten</translation>
        </message>
        <message>
            <source>Job</source>
            <translation>Job</translation>
        </message>
        <message>
            <source>Newest</source>
            <translation>Neueste</translation>
        </message>
        <message>
            <source>RPO</source>
            <translation>RPO</translation>
        </message>
        <message>
            <source>Retention</source>
            <translation>Aufbewahrung</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>Kept</source>
            <translation>Behalten</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>Urteil</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>Fehlend</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>Archiv</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Time (UTC)</source>
            <translation>Zeit (UTC)</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Alter</translation>
        </message>
        <message>
            <source>Restore the selected archive — destructive, always confirmed</source>
            <translation>Das ausgewählte Archiv wiederherstellen — zerstörerisch, immer mit Bestätigung</translation>
        </message>
        <message>
            <source>Output of Verify and Restore appears here.</source>
            <translation>Die Ausgabe von Prüfen und Wiederherstellen erscheint hier.</translation>
        </message>
        <message>
            <source>Not connected to the console; archives cannot be listed.</source>
            <translation>Nicht mit der Konsole verbunden; Archive können nicht aufgelistet werden.</translation>
        </message>
        <message>
            <source>[stderr] %1</source>
            <translation>[stderr] %1</translation>
        </message>
        <message>
            <source>Listing timed out after 60 s.</source>
            <translation>Zeitüberschreitung beim Auflisten nach 60 s.</translation>
        </message>
        <message>
            <source>The listing command failed with exit status %1: %2</source>
            <translation>Der Auflistungsbefehl ist mit Exit-Status %1 fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>succeeded</source>
            <translation>erfolgreich</translation>
        </message>
        <message>
            <source>was cancelled</source>
            <translation>wurde abgebrochen</translation>
        </message>
        <message>
            <source>timed out</source>
            <translation>Zeitüberschreitung</translation>
        </message>
        <message>
            <source>failed with exit status %1</source>
            <translation>mit Exit-Status %1 fehlgeschlagen</translation>
        </message>
        <message>
            <source>— %1 %2 —</source>
            <translation>— %1 %2 —</translation>
        </message>
        <message>
            <source>%1 on %2: %3</source>
            <translation>%1 auf %2: %3</translation>
        </message>
        <message>
            <source>listing…</source>
            <translation>wird aufgelistet…</translation>
        </message>
        <message>
            <source>cannot list</source>
            <translation>Auflisten nicht möglich</translation>
        </message>
        <message>
            <source>%1 ago</source>
            <translation>vor %1</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>met now; schedule cannot</source>
            <translation>derzeit eingehalten; Zeitplan kann es nicht</translation>
        </message>
        <message>
            <source>met</source>
            <translation>eingehalten</translation>
        </message>
        <message>
            <source>breached; schedule cannot meet it</source>
            <translation>verletzt; Zeitplan kann es nicht einhalten</translation>
        </message>
        <message>
            <source>breached</source>
            <translation>verletzt</translation>
        </message>
        <message>
            <source>no archives</source>
            <translation>keine Archive</translation>
        </message>
        <message numerus="yes">
            <source>%n tier(s) missing periods</source>
            <translation><numerusform>%n Stufe mit fehlenden Zeiträumen</numerusform><numerusform>%n Stufen mit fehlenden Zeiträumen</numerusform></translation>
        </message>
        <message>
            <source>met for what is visible</source>
            <translation>für das Sichtbare eingehalten</translation>
        </message>
        <message>
            <source>No backup jobs in this environment. Add them to the workspace under "backup_jobs".</source>
            <translation>Keine Sicherungsjobs in dieser Umgebung. Fügen Sie sie im Arbeitsbereich unter "backup_jobs" hinzu.</translation>
        </message>
        <message>
            <source>%1 — %2:%3 (%4, RPO %5)</source>
            <translation>%1 — %2:%3 (%4, RPO %5)</translation>
        </message>
        <message>
            <source>no schedule</source>
            <translation>kein Zeitplan</translation>
        </message>
        <message>
            <source>The archives could not be listed: %1</source>
            <translation>Die Archive konnten nicht aufgelistet werden: %1</translation>
        </message>
        <message>
            <source>Showing the listing from %1 UTC.</source>
            <translation>Angezeigt wird die Auflistung von %1 UTC.</translation>
        </message>
        <message>
            <source>Listing the archives on %1…</source>
            <translation>Archive auf %1 werden aufgelistet…</translation>
        </message>
        <message numerus="yes">
            <source>%n listing record(s) could not be read and are not counted.</source>
            <translation><numerusform>%n Eintrag der Auflistung konnte nicht gelesen werden und wird nicht mitgezählt.</numerusform><numerusform>%n Einträge der Auflistung konnten nicht gelesen werden und werden nicht mitgezählt.</numerusform></translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 von %2</translation>
        </message>
        <message>
            <source>missing</source>
            <translation>fehlt</translation>
        </message>
        <message numerus="yes">
            <source>unknown — %n older period(s) only object storage could hold</source>
            <translation><numerusform>unbekannt — %n älterer Zeitraum, den nur ein Objektspeicher enthalten könnte</numerusform><numerusform>unbekannt — %n ältere Zeiträume, die nur ein Objektspeicher enthalten könnte</numerusform></translation>
        </message>
        <message>
            <source>in the future</source>
            <translation>in der Zukunft</translation>
        </message>
        <message>
            <source>Last verification %1 UTC: %2</source>
            <translation>Letzte Prüfung %1 UTC: %2</translation>
        </message>
        <message>
            <source>This job names no verify command.</source>
            <translation>Dieser Job nennt keinen Prüfbefehl.</translation>
        </message>
        <message>
            <source>Not verified from this console yet.</source>
            <translation>Von dieser Konsole noch nicht geprüft.</translation>
        </message>
        <message>
            <source>Set verify_command for this job</source>
            <translation>verify_command für diesen Job festlegen</translation>
        </message>
        <message>
            <source>Set restore_command for this job</source>
            <translation>restore_command für diesen Job festlegen</translation>
        </message>
        <message>
            <source>Verify</source>
            <translation>Prüfen</translation>
        </message>
        <message>
            <source>restoring a backup replaces the current data</source>
            <translation>das Wiederherstellen einer Sicherung ersetzt die aktuellen Daten</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Wiederherstellen</translation>
        </message>
        <message>
            <source>— restore not confirmed; nothing ran —</source>
            <translation>— Wiederherstellung nicht bestätigt; nichts wurde ausgeführt —</translation>
        </message>
    </context>
    <context>
        <name>ph::BrowserTunnels</name>
        <message>
            <source>No browser could be started for %1. Open %2 yourself.</source>
            <translation>Für %1 konnte kein Browser gestartet werden. Öffnen Sie %2 selbst.</translation>
        </message>
        <message>
            <source>The workspace has no service %1.</source>
            <translation>Der Arbeitsbereich hat keinen Dienst %1.</translation>
        </message>
        <message>
            <source>%1 has no base URL to open; set "base_url" in the workspace.</source>
            <translation>%1 hat keine Basis-URL zum Öffnen; setzen Sie "base_url" im Arbeitsbereich.</translation>
        </message>
        <message>
            <source>%1 is reached through %2: %3</source>
            <translation>%1 wird über %2 erreicht: %3</translation>
        </message>
        <message>
            <source>%1: the host key is not known yet. Connect to the host once from the Remote view to check and accept it.</source>
            <translation>%1: Der Host-Schlüssel ist noch nicht bekannt. Verbinden Sie sich einmal über die Remote-Ansicht mit dem Host, um ihn zu prüfen und zu akzeptieren.</translation>
        </message>
        <message>
            <source>tunnel via %1: not open after %2 s.</source>
            <translation>Tunnel über %1: nach %2 s nicht offen.</translation>
        </message>
    </context>
    <context>
        <name>ph::ChecklistRun</name>
        <message>
            <source>pending</source>
            <translation>ausstehend</translation>
        </message>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>passed</source>
            <translation>bestanden</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>skipped</source>
            <translation>übersprungen</translation>
        </message>
        <message>
            <source>done by hand</source>
            <translation>von Hand erledigt</translation>
        </message>
        <message>
            <source>interrupted</source>
            <translation>unterbrochen</translation>
        </message>
        <message>
            <source>Step %1 (“%2”)</source>
            <translation>Schritt %1 („%2“)</translation>
        </message>
        <message>
            <source>(%1 characters left out)</source>
            <translation>(%1 Zeichen ausgelassen)</translation>
        </message>
        <message numerus="yes">
            <source>This run has no step %1; it has %n step(s).</source>
            <translation><numerusform>Dieser Lauf hat keinen Schritt %1; er hat %n Schritt.</numerusform><numerusform>Dieser Lauf hat keinen Schritt %1; er hat %n Schritte.</numerusform></translation>
        </message>
        <message>
            <source>This run was signed off by %1 and can no longer change. Start a new run to do the checklist again.</source>
            <translation>Dieser Lauf wurde von %1 abgezeichnet und kann sich nicht mehr ändern. Starten Sie einen neuen Lauf, um die Checkliste erneut abzuarbeiten.</translation>
        </message>
        <message>
            <source>%1 is a manual check: there is nothing to run. Mark it done or skip it.</source>
            <translation>%1 ist eine manuelle Prüfung: Es gibt nichts auszuführen. Markieren Sie sie als erledigt oder überspringen Sie sie.</translation>
        </message>
        <message>
            <source>%1 is %2 and cannot be started. Retry it to run it again; the earlier attempt is kept.</source>
            <translation>%1 ist %2 und kann nicht gestartet werden. Wiederholen Sie den Schritt, um ihn erneut auszuführen; der frühere Versuch bleibt erhalten.</translation>
        </message>
        <message>
            <source>%1 is %2, not running, so it has no result to record.</source>
            <translation>%1 ist %2, läuft also nicht und hat kein Ergebnis zum Festhalten.</translation>
        </message>
        <message>
            <source>%1 is %2, not running, so it cannot be interrupted.</source>
            <translation>%1 ist %2, läuft also nicht und kann nicht unterbrochen werden.</translation>
        </message>
        <message>
            <source>Say why %1 is skipped: the reason goes into the report and the audit log.</source>
            <translation>Geben Sie an, warum %1 übersprungen wird: Der Grund kommt in den Bericht und ins Audit-Protokoll.</translation>
        </message>
        <message>
            <source>%1 is %2 and cannot be skipped now.%3</source>
            <translation>%1 ist %2 und kann jetzt nicht übersprungen werden.%3</translation>
        </message>
        <message>
            <source> Wait for it to finish.</source>
            <translation> Warten Sie, bis er fertig ist.</translation>
        </message>
        <message>
            <source> Retry it first if it should be done again.</source>
            <translation> Wiederholen Sie ihn zuerst, falls er erneut erledigt werden soll.</translation>
        </message>
        <message>
            <source>%1 is %2 and cannot be marked done now.%3</source>
            <translation>%1 ist %2 und kann jetzt nicht als erledigt markiert werden.%3</translation>
        </message>
        <message>
            <source>%1 is %2: there is no finished attempt to retry.</source>
            <translation>%1 ist %2: Es gibt keinen abgeschlossenen Versuch zum Wiederholen.</translation>
        </message>
        <message>
            <source>The note is empty; write something.</source>
            <translation>Die Notiz ist leer; schreiben Sie etwas.</translation>
        </message>
        <message>
            <source>Enter the name of the person signing off the run.</source>
            <translation>Geben Sie den Namen der Person ein, die den Lauf abzeichnet.</translation>
        </message>
        <message>
            <source>%1 is %2</source>
            <translation>%1 ist %2</translation>
        </message>
        <message numerus="yes">
            <source>The run cannot be signed off yet: %n step(s) are not resolved. Run, mark done or skip them first.</source>
            <translation><numerusform>Der Lauf kann noch nicht abgezeichnet werden: %n Schritt ist nicht erledigt. Führen Sie ihn aus, markieren Sie ihn als erledigt oder überspringen Sie ihn zuerst.</numerusform><numerusform>Der Lauf kann noch nicht abgezeichnet werden: %n Schritte sind nicht erledigt. Führen Sie sie aus, markieren Sie sie als erledigt oder überspringen Sie sie zuerst.</numerusform></translation>
        </message>
    </context>
    <context>
        <name>ph::ChecklistWizard</name>
        <message>
            <source>Pending</source>
            <translation>Ausstehend</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>Läuft</translation>
        </message>
        <message>
            <source>Passed</source>
            <translation>Bestanden</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Übersprungen</translation>
        </message>
        <message>
            <source>Done by hand</source>
            <translation>Von Hand erledigt</translation>
        </message>
        <message>
            <source>Interrupted</source>
            <translation>Unterbrochen</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>exit status %1 (expected %2)</source>
            <translation>Exit-Status %1 (erwartet %2)</translation>
        </message>
        <message>
            <source>HTTP %1 (expected %2)</source>
            <translation>HTTP %1 (erwartet %2)</translation>
        </message>
        <message>
            <source>HTTP %1 (expected 2xx)</source>
            <translation>HTTP %1 (erwartet 2xx)</translation>
        </message>
        <message>
            <source>output matches “%1”</source>
            <translation>Ausgabe passt auf „%1“</translation>
        </message>
        <message>
            <source>answered within %1 ms</source>
            <translation>Antwort innerhalb von %1 ms</translation>
        </message>
        <message>
            <source>%1 holds</source>
            <translation>%1 erfüllt</translation>
        </message>
        <message>
            <source>The runbook marks this step as destructive.</source>
            <translation>Das Runbook kennzeichnet diesen Schritt als zerstörerisch.</translation>
        </message>
        <message>
            <source>&amp;Run</source>
            <translation>&amp;Ausführen</translation>
        </message>
        <message>
            <source>Mark &amp;done</source>
            <translation>Als &amp;erledigt markieren</translation>
        </message>
        <message>
            <source>S&amp;kip…</source>
            <translation>Übers&amp;pringen…</translation>
        </message>
        <message>
            <source>Add &amp;note…</source>
            <translation>&amp;Notiz hinzufügen…</translation>
        </message>
        <message>
            <source>Re&amp;try</source>
            <translation>&amp;Wiederholen</translation>
        </message>
        <message>
            <source>Ne&amp;xt step</source>
            <translation>Nächster &amp;Schritt</translation>
        </message>
        <message>
            <source>&amp;Sign off</source>
            <translation>&amp;Abzeichnen</translation>
        </message>
        <message>
            <source>Export &amp;Markdown…</source>
            <translation>Als &amp;Markdown exportieren…</translation>
        </message>
        <message>
            <source>Export &amp;PDF…</source>
            <translation>Als &amp;PDF exportieren…</translation>
        </message>
        <message>
            <source>&amp;Back to runbooks</source>
            <translation>&amp;Zurück zu den Runbooks</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Schritte</translation>
        </message>
        <message>
            <source>Output appears here while the step runs.</source>
            <translation>Die Ausgabe erscheint hier, während der Schritt läuft.</translation>
        </message>
        <message>
            <source>Your name, to sign off</source>
            <translation>Ihr Name zum Abzeichnen</translation>
        </message>
        <message>
            <source>Ctrl+Enter run · Enter next open step · Ctrl+D done · Ctrl+K skip · Ctrl+N note · Ctrl+Shift+R retry · Alt+↑/↓ previous/next step · Ctrl+Shift+S sign off</source>
            <translation>Ctrl+Enter ausführen · Enter nächster offener Schritt · Ctrl+D erledigt · Ctrl+K überspringen · Ctrl+N Notiz · Ctrl+Shift+R wiederholen · Alt+↑/↓ vorheriger/nächster Schritt · Ctrl+Shift+S abzeichnen</translation>
        </message>
        <message>
            <source>A step of this run is still running; wait for it to finish before opening another run.</source>
            <translation>Ein Schritt dieses Durchlaufs läuft noch; warten Sie, bis er beendet ist, bevor Sie einen anderen Durchlauf öffnen.</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>PRODUCTION</source>
            <translation>PRODUKTION</translation>
        </message>
        <message>
            <source>(read-only)</source>
            <translation>(schreibgeschützt)</translation>
        </message>
        <message>
            <source>The runbook changed since this run started; steps are shown as the file reads now.</source>
            <translation>Das Runbook wurde seit dem Start dieses Durchlaufs geändert; die Schritte werden so angezeigt, wie sie jetzt in der Datei stehen.</translation>
        </message>
        <message>
            <source>%1. %2 — %3</source>
            <translation>%1. %2 — %3</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Verbindung wird hergestellt…</translation>
        </message>
        <message>
            <source>%1 of %2 resolved</source>
            <translation>%1 von %2 abgeschlossen</translation>
        </message>
        <message>
            <source>Step %1 of %2: %3</source>
            <translation>Schritt %1 von %2: %3</translation>
        </message>
        <message>
            <source>This step is no longer in the runbook; only its record is shown.</source>
            <translation>Dieser Schritt ist nicht mehr im Runbook enthalten; nur sein Protokolleintrag wird angezeigt.</translation>
        </message>
        <message>
            <source>Manual check: do it, then mark it done (Ctrl+D).</source>
            <translation>Manuelle Prüfung: Erledigen Sie sie und markieren Sie sie dann als erledigt (Ctrl+D).</translation>
        </message>
        <message>
            <source>Target group: %1 (%2)</source>
            <translation>Zielgruppe: %1 (%2)</translation>
        </message>
        <message>
            <source>no hosts in this environment</source>
            <translation>keine Hosts in dieser Umgebung</translation>
        </message>
        <message>
            <source>HTTP check through %1</source>
            <translation>HTTP-Prüfung über %1</translation>
        </message>
        <message>
            <source>the service's connection</source>
            <translation>die Verbindung des Dienstes</translation>
        </message>
        <message>
            <source>Target host: %1</source>
            <translation>Ziel-Host: %1</translation>
        </message>
        <message>
            <source>the service's host</source>
            <translation>der Host des Dienstes</translation>
        </message>
        <message>
            <source>in %1</source>
            <translation>in %1</translation>
        </message>
        <message>
            <source>— DESTRUCTIVE: asks for confirmation before it runs</source>
            <translation>— ZERSTÖRERISCH: fragt vor der Ausführung nach einer Bestätigung</translation>
        </message>
        <message>
            <source>%1 = keychain entry “%2”</source>
            <translation>%1 = Schlüsselbund-Eintrag „%2“</translation>
        </message>
        <message>
            <source>%1 = %2</source>
            <translation>%1 = %2</translation>
        </message>
        <message>
            <source>Parameters: %1</source>
            <translation>Parameter: %1</translation>
        </message>
        <message>
            <source>Connecting to the host…</source>
            <translation>Verbindung zum Host wird hergestellt…</translation>
        </message>
        <message>
            <source>Running…</source>
            <translation>Läuft…</translation>
        </message>
        <message>
            <source>Passed in %1</source>
            <translation>Bestanden in %1</translation>
        </message>
        <message>
            <source>exit status %1</source>
            <translation>Exit-Status %1</translation>
        </message>
        <message>
            <source>HTTP %1</source>
            <translation>HTTP %1</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>Fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>kein Grund angegeben</translation>
        </message>
        <message>
            <source>(exit status %1)</source>
            <translation>(Exit-Status %1)</translation>
        </message>
        <message>
            <source>Skipped: %1</source>
            <translation>Übersprungen: %1</translation>
        </message>
        <message>
            <source>Interrupted: %1 Check the host, then mark it done, skip it or retry it.</source>
            <translation>Unterbrochen: %1 Prüfen Sie den Host und markieren Sie den Schritt dann als erledigt, überspringen oder wiederholen Sie ihn.</translation>
        </message>
        <message>
            <source>On failure</source>
            <translation>Bei Fehlschlag</translation>
        </message>
        <message>
            <source>Hosts:
%1</source>
            <translation>Hosts:
%1</translation>
        </message>
        <message>
            <source>Notes:
%1</source>
            <translation>Notizen:
%1</translation>
        </message>
        <message>
            <source>Run this step (Ctrl+Enter)</source>
            <translation>Diesen Schritt ausführen (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Go to step %1, the next open step (Enter)</source>
            <translation>Zu Schritt %1, dem nächsten offenen Schritt (Enter)</translation>
        </message>
        <message>
            <source>Every step is finished: sign off the run below.</source>
            <translation>Alle Schritte sind abgeschlossen: Den Durchlauf unten abzeichnen.</translation>
        </message>
        <message>
            <source>Moves on to the next open step once this one is finished (Enter)</source>
            <translation>Geht zum nächsten offenen Schritt, sobald dieser abgeschlossen ist (Enter)</translation>
        </message>
        <message>
            <source>Sign off the run (Ctrl+Shift+S)</source>
            <translation>Den Durchlauf abzeichnen (Ctrl+Shift+S)</translation>
        </message>
        <message>
            <source>Every step must be passed, failed, skipped or done before the run can be signed off.</source>
            <translation>Jeder Schritt muss bestanden, fehlgeschlagen, übersprungen oder erledigt sein, bevor der Durchlauf abgezeichnet werden kann.</translation>
        </message>
        <message>
            <source>Signed off</source>
            <translation>Abgezeichnet</translation>
        </message>
        <message>
            <source>not started</source>
            <translation>nicht gestartet</translation>
        </message>
        <message>
            <source>Step %1 · Total %2</source>
            <translation>Schritt %1 · Gesamt %2</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Durchlauf</translation>
        </message>
        <message>
            <source>Another step is still running; wait for it or cancel it.</source>
            <translation>Ein anderer Schritt läuft noch; warten Sie darauf oder brechen Sie ihn ab.</translation>
        </message>
        <message>
            <source>Skip step</source>
            <translation>Schritt überspringen</translation>
        </message>
        <message>
            <source>Why is step %1 skipped? The reason goes into the report.</source>
            <translation>Warum wird Schritt %1 übersprungen? Der Grund wird in den Bericht übernommen.</translation>
        </message>
        <message>
            <source>Add note</source>
            <translation>Notiz hinzufügen</translation>
        </message>
        <message>
            <source>Note on step %1:</source>
            <translation>Notiz zu Schritt %1:</translation>
        </message>
        <message>
            <source>(signed off)</source>
            <translation>(abgezeichnet)</translation>
        </message>
        <message>
            <source>The report cannot be written to %1. Choose another folder.</source>
            <translation>Der Bericht kann nicht nach %1 geschrieben werden. Wählen Sie einen anderen Ordner.</translation>
        </message>
        <message>
            <source>Export report as PDF</source>
            <translation>Bericht als PDF exportieren</translation>
        </message>
        <message>
            <source>Export report as Markdown</source>
            <translation>Bericht als Markdown exportieren</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>PDF-Dokumente (*.pdf)</translation>
        </message>
        <message>
            <source>Markdown (*.md)</source>
            <translation>Markdown (*.md)</translation>
        </message>
        <message>
            <source>Report saved to %1</source>
            <translation>Bericht gespeichert unter %1</translation>
        </message>
    </context>
    <context>
        <name>ph::CommandEdit</name>
        <message>
            <source>Command — Enter runs it, Up/Down for history</source>
            <translation>Befehl — Enter führt ihn aus, Auf/Ab für den Verlauf</translation>
        </message>
    </context>
    <context>
        <name>ph::ConfirmDestructiveDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Ausführen</translation>
        </message>
        <message>
            <source>Confirm in PRODUCTION: %1</source>
            <translation>In PRODUKTION bestätigen: %1</translation>
        </message>
        <message>
            <source>Confirm: %1</source>
            <translation>Bestätigen: %1</translation>
        </message>
        <message>
            <source>PRODUCTION — %1</source>
            <translation>PRODUKTION — %1</translation>
        </message>
        <message>
            <source>Environment: %1</source>
            <translation>Umgebung: %1</translation>
        </message>
        <message>
            <source>Hosts: none named</source>
            <translation>Hosts: keiner benannt</translation>
        </message>
        <message>
            <source>Host: %1</source>
            <translation>Host: %1</translation>
        </message>
        <message>
            <source>Hosts (%1): %2</source>
            <translation>Hosts (%1): %2</translation>
        </message>
        <message>
            <source>This command is destructive:</source>
            <translation>Dieser Befehl ist zerstörerisch:</translation>
        </message>
        <message>
            <source>This command changes something:</source>
            <translation>Dieser Befehl ändert etwas:</translation>
        </message>
        <message>
            <source>Runs as, after filling in the parameters:</source>
            <translation>Wird nach dem Einsetzen der Parameter so ausgeführt:</translation>
        </message>
        <message>
            <source>No value for: %1</source>
            <translation>Kein Wert für: %1</translation>
        </message>
        <message>
            <source>Marked as needing confirmation.</source>
            <translation>Als bestätigungspflichtig markiert.</translation>
        </message>
        <message>
            <source>Why it was flagged:</source>
            <translation>Grund der Markierung:</translation>
        </message>
        <message>
            <source>Cannot verify: part of this command is only known when it runs, so Pilothouse cannot tell what it will do. Read it carefully.</source>
            <translation>Prüfung nicht möglich: Ein Teil dieses Befehls ist erst bei der Ausführung bekannt, daher kann Pilothouse nicht feststellen, was er tun wird. Lesen Sie ihn sorgfältig.</translation>
        </message>
        <message>
            <source>environment or host name</source>
            <translation>Umgebungs- oder Hostname</translation>
        </message>
        <message>
            <source>Neither the environment nor a host has a name, so this cannot be confirmed here. Fix the workspace and try again.</source>
            <translation>Weder die Umgebung noch ein Host hat einen Namen, daher kann dies hier nicht bestätigt werden. Korrigieren Sie den Arbeitsbereich und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Name matches. "%1" will act on production.</source>
            <translation>Name stimmt überein. "%1" wirkt auf die Produktion.</translation>
        </message>
        <message>
            <source>"%1" is not the environment name or a host name. Names are case-sensitive.</source>
            <translation>"%1" ist weder der Umgebungsname noch ein Hostname. Groß- und Kleinschreibung wird beachtet.</translation>
        </message>
        <message>
            <source>This is production. To enable "%1", type a host name.</source>
            <translation>Dies ist die Produktion. Um "%1" freizugeben, geben Sie einen Hostnamen ein.</translation>
        </message>
        <message>
            <source>This is production. To enable "%1", type the environment name (%2) or a host name.</source>
            <translation>Dies ist die Produktion. Um "%1" freizugeben, geben Sie den Umgebungsnamen (%2) oder einen Hostnamen ein.</translation>
        </message>
    </context>
    <context>
        <name>ph::ConsoleWindowBinder</name>
        <message numerus="yes">
            <source>Imported %n host(s) from ~/.ssh/config into "%1" (kept until you quit).</source>
            <translation><numerusform>%n Host aus ~/.ssh/config in "%1" importiert (bleibt bis zum Beenden erhalten).</numerusform><numerusform>%n Hosts aus ~/.ssh/config in "%1" importiert (bleiben bis zum Beenden erhalten).</numerusform></translation>
        </message>
        <message>
            <source>Known hosts</source>
            <translation>Bekannte Hosts</translation>
        </message>
        <message>
            <source>The audit log is not available: the local database is not open.</source>
            <translation>Das Audit-Protokoll ist nicht verfügbar: Die lokale Datenbank ist nicht geöffnet.</translation>
        </message>
        <message>
            <source>Opened %1 at %2</source>
            <translation>%1 unter %2 geöffnet</translation>
        </message>
        <message>
            <source>Could not open %1: %2</source>
            <translation>%1 konnte nicht geöffnet werden: %2</translation>
        </message>
        <message>
            <source>Steps cannot be run from the console because the audit log's key is not available: %1. Run the command in a terminal, then mark the step done.</source>
            <translation>Schritte können nicht aus der Konsole ausgeführt werden, da der Schlüssel des Audit-Protokolls nicht verfügbar ist: %1. Führen Sie den Befehl in einem Terminal aus und markieren Sie den Schritt dann als erledigt.</translation>
        </message>
    </context>
    <context>
        <name>ph::CredentialsDialog</name>
        <message>
            <source>Delete credential</source>
            <translation>Zugangsdaten löschen</translation>
        </message>
        <message>
            <source>Delete "%1" from the keychain?</source>
            <translation>„%1“ aus dem Schlüsselbund löschen?</translation>
        </message>
        <message>
            <source>%1 can no longer authenticate until it is set again. The value cannot be recovered.</source>
            <translation>%1 kann sich erst wieder anmelden, wenn der Wert neu gesetzt ist. Der Wert lässt sich nicht wiederherstellen.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>&amp;Set…</source>
            <translation>&amp;Setzen…</translation>
        </message>
        <message>
            <source>&amp;Rotate…</source>
            <translation>&amp;Rotieren…</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>&amp;Löschen…</translation>
        </message>
        <message>
            <source>Check &amp;again</source>
            <translation>&amp;Erneut prüfen</translation>
        </message>
        <message>
            <source>Credentials</source>
            <translation>Zugangsdaten</translation>
        </message>
        <message>
            <source>Credentials — %1</source>
            <translation>Zugangsdaten — %1</translation>
        </message>
        <message>
            <source>Dashboard keys and SSH secrets live in the system keychain (Secret Service or KWallet), never in the workspace file. Values are never shown here.</source>
            <translation>Dashboard-Schlüssel und SSH-Geheimnisse liegen im System-Schlüsselbund (Secret Service oder KWallet), nie in der Arbeitsbereichsdatei. Werte werden hier nie angezeigt.</translation>
        </message>
        <message>
            <source>DEMO — these entries belong to the demo keychain service "%1" and never touch your real credentials.</source>
            <translation>DEMO — diese Einträge gehören zum Demo-Schlüsselbunddienst „%1“ und berühren Ihre echten Zugangsdaten nie.</translation>
        </message>
        <message>
            <source>This workspace references no credentials: no service names a dashboard_key_ref and no host a secret_ref.</source>
            <translation>Dieser Arbeitsbereich verweist auf keine Zugangsdaten: Kein Dienst nennt einen dashboard_key_ref und kein Host einen secret_ref.</translation>
        </message>
        <message>
            <source>Store a value for the selected entry</source>
            <translation>Einen Wert für den gewählten Eintrag speichern</translation>
        </message>
        <message>
            <source>Replace the value of the selected entry; the old value is gone</source>
            <translation>Den Wert des gewählten Eintrags ersetzen; der alte Wert ist dann weg</translation>
        </message>
        <message>
            <source>Remove the selected entry from the keychain</source>
            <translation>Den gewählten Eintrag aus dem Schlüsselbund entfernen</translation>
        </message>
        <message>
            <source>Check the keychain and every entry again</source>
            <translation>Schlüsselbund und alle Einträge erneut prüfen</translation>
        </message>
        <message>
            <source>Checking the keychain…</source>
            <translation>Schlüsselbund wird geprüft…</translation>
        </message>
        <message>
            <source>Nothing was stored: an empty value is not a credential.</source>
            <translation>Nichts gespeichert: Ein leerer Wert ist kein Zugangsdatum.</translation>
        </message>
        <message>
            <source>Storing "%1" in the keychain…</source>
            <translation>„%1“ wird im Schlüsselbund gespeichert…</translation>
        </message>
        <message>
            <source>Replacing the value of "%1"…</source>
            <translation>Wert von „%1“ wird ersetzt…</translation>
        </message>
        <message>
            <source>Stored "%1" in the keychain.</source>
            <translation>„%1“ im Schlüsselbund gespeichert.</translation>
        </message>
        <message>
            <source>Replaced the value of "%1"; the old value is gone.</source>
            <translation>Wert von „%1“ ersetzt; der alte Wert ist weg.</translation>
        </message>
        <message>
            <source>Could not store "%1": %2</source>
            <translation>„%1“ konnte nicht gespeichert werden: %2</translation>
        </message>
        <message>
            <source>Could not replace "%1": %2</source>
            <translation>„%1“ konnte nicht ersetzt werden: %2</translation>
        </message>
        <message>
            <source>Deleting "%1" from the keychain…</source>
            <translation>„%1“ wird aus dem Schlüsselbund gelöscht…</translation>
        </message>
        <message>
            <source>Deleted "%1" from the keychain.</source>
            <translation>„%1“ aus dem Schlüsselbund gelöscht.</translation>
        </message>
        <message>
            <source>Could not delete "%1": %2</source>
            <translation>„%1“ konnte nicht gelöscht werden: %2</translation>
        </message>
        <message>
            <source>Checking whether a keychain is available…</source>
            <translation>Es wird geprüft, ob ein Schlüsselbund verfügbar ist…</translation>
        </message>
        <message>
            <source>Keychain available. Entries are stored under the service name "%1".</source>
            <translation>Schlüsselbund verfügbar. Einträge werden unter dem Dienstnamen „%1“ gespeichert.</translation>
        </message>
        <message>
            <source>The keychain is locked or refused access.</source>
            <translation>Der Schlüsselbund ist gesperrt oder hat den Zugriff verweigert.</translation>
        </message>
        <message>
            <source>The keychain does not answer.</source>
            <translation>Der Schlüsselbund antwortet nicht.</translation>
        </message>
        <message>
            <source>Until it works, credentials can be neither checked nor changed; nothing is stored anywhere else.</source>
            <translation>Solange er nicht funktioniert, lassen sich Zugangsdaten weder prüfen noch ändern; nichts wird anderswo gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>ph::CredentialsModel</name>
        <message>
            <source>Dashboard key</source>
            <translation>Dashboard-Schlüssel</translation>
        </message>
        <message>
            <source>SSH password</source>
            <translation>SSH-Passwort</translation>
        </message>
        <message>
            <source>SSH key passphrase</source>
            <translation>Passphrase des SSH-Schlüssels</translation>
        </message>
        <message>
            <source>SSH secret</source>
            <translation>SSH-Geheimnis</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <source>checking…</source>
            <translation>wird geprüft…</translation>
        </message>
        <message>
            <source>set</source>
            <translation>gesetzt</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>nicht gesetzt</translation>
        </message>
        <message>
            <source>error: %1</source>
            <translation>Fehler: %1</translation>
        </message>
        <message>
            <source>Used by: %1</source>
            <translation>Verwendet von: %1</translation>
        </message>
        <message>
            <source>Credential</source>
            <translation>Zugangsdaten</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Used by</source>
            <translation>Verwendet von</translation>
        </message>
        <message>
            <source>Keychain entry</source>
            <translation>Schlüsselbund-Eintrag</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
    </context>
    <context>
        <name>ph::Database</name>
        <message>
            <source>The database %1 is damaged or is not a Pilothouse database. It was left untouched: move it aside to start with an empty history, or point Pilothouse to another data folder.</source>
            <translation>Die Datenbank %1 ist beschädigt oder keine Pilothouse-Datenbank. Sie wurde nicht angerührt: Verschieben Sie sie, um mit leerem Verlauf zu beginnen, oder geben Sie Pilothouse einen anderen Datenordner.</translation>
        </message>
        <message>
            <source>Pilothouse could not read or write its database %1. Check that the disk is not full and that no other program locks the file.</source>
            <translation>Pilothouse konnte seine Datenbank %1 nicht lesen oder schreiben. Prüfen Sie, ob die Festplatte voll ist oder ein anderes Programm die Datei sperrt.</translation>
        </message>
        <message>
            <source>Pilothouse cannot create the folder %1 for its database. Check the permissions or point Pilothouse to another data folder.</source>
            <translation>Pilothouse kann den Ordner %1 für seine Datenbank nicht anlegen. Prüfen Sie die Berechtigungen oder geben Sie Pilothouse einen anderen Datenordner.</translation>
        </message>
        <message>
            <source>Pilothouse cannot read its database %1. Check the file's permissions.</source>
            <translation>Pilothouse kann seine Datenbank %1 nicht lesen. Prüfen Sie die Berechtigungen der Datei.</translation>
        </message>
        <message>
            <source>Pilothouse cannot open its database %1. Check the file's permissions and that the disk is not full.</source>
            <translation>Pilothouse kann seine Datenbank %1 nicht öffnen. Prüfen Sie die Berechtigungen der Datei und ob die Festplatte voll ist.</translation>
        </message>
        <message>
            <source>The database %1 was created by a newer Pilothouse (schema %2; this version knows up to %3). Update Pilothouse or point it to another data folder. The file was left untouched.</source>
            <translation>Die Datenbank %1 stammt von einer neueren Pilothouse-Version (Schema %2; diese Version kennt bis %3). Aktualisieren Sie Pilothouse oder geben Sie einen anderen Datenordner an. Die Datei wurde nicht angerührt.</translation>
        </message>
        <message>
            <source>Pilothouse could not update its database %1 to schema %2; the file was left at schema %3. Check that the disk is not full.</source>
            <translation>Pilothouse konnte seine Datenbank %1 nicht auf Schema %2 aktualisieren; die Datei bleibt bei Schema %3. Prüfen Sie, ob die Festplatte voll ist.</translation>
        </message>
    </context>
    <context>
        <name>ph::DemoSshd</name>
        <message>
            <source>Could not make a key for the demo host.</source>
            <translation>Für den Demo-Host konnte kein Schlüssel erzeugt werden.</translation>
        </message>
        <message>
            <source>Could not write the demo host's key to %1.</source>
            <translation>Der Schlüssel des Demo-Hosts konnte nicht nach %1 geschrieben werden.</translation>
        </message>
        <message>
            <source>Could not read the public half of the demo key %1.</source>
            <translation>Der öffentliche Teil des Demo-Schlüssels %1 konnte nicht gelesen werden.</translation>
        </message>
        <message>
            <source>Could not write %1.</source>
            <translation>%1 konnte nicht geschrieben werden.</translation>
        </message>
        <message>
            <source>SSH steps are unavailable in the demo: %1 is not installed (apt install openssh-server)</source>
            <translation>SSH-Schritte sind in der Demo nicht verfügbar: %1 ist nicht installiert (apt install openssh-server)</translation>
        </message>
        <message>
            <source>Could not create %1.</source>
            <translation>%1 konnte nicht erstellt werden.</translation>
        </message>
        <message>
            <source>No free port on 127.0.0.1 for the demo host.</source>
            <translation>Kein freier Port auf 127.0.0.1 für den Demo-Host.</translation>
        </message>
        <message>
            <source>The demo's SSH server could not be started; SSH steps are unavailable in the demo.</source>
            <translation>Der SSH-Server der Demo konnte nicht gestartet werden; SSH-Schritte sind in der Demo nicht verfügbar.</translation>
        </message>
        <message>
            <source>The demo's SSH server did not come up; SSH steps are unavailable in the demo. Its log is in %1.</source>
            <translation>Der SSH-Server der Demo ist nicht hochgefahren; SSH-Schritte sind in der Demo nicht verfügbar. Sein Protokoll liegt in %1.</translation>
        </message>
    </context>
    <context>
        <name>ph::Expectations</name>
        <message>
            <source>The JSON expectation “%1” cannot be read. Write it as a JSON pointer, an operator and a value, e.g. “/depth &lt; 50”.</source>
            <translation>Die JSON-Erwartung „%1“ ist nicht lesbar. Schreiben Sie sie als JSON-Pointer, Operator und Wert, z. B. „/depth &lt; 50“.</translation>
        </message>
        <message>
            <source>The value “%1” in the JSON expectation “%2” is not a number, a quoted string, true, false or null.</source>
            <translation>Der Wert „%1“ in der JSON-Erwartung „%2“ ist weder Zahl noch Zeichenkette in Anführungszeichen, true, false oder null.</translation>
        </message>
        <message>
            <source>The response is not JSON (%1 at byte %2), so “%3” cannot be checked.</source>
            <translation>Die Antwort ist kein JSON (%1 bei Byte %2), daher lässt sich „%3“ nicht prüfen.</translation>
        </message>
        <message>
            <source>The response has no value at %1.</source>
            <translation>Die Antwort hat keinen Wert bei %1.</translation>
        </message>
        <message>
            <source>%1 is %2, which cannot be compared with %3 by “%4”.</source>
            <translation>%1 ist %2 und lässt sich mit „%4“ nicht mit %3 vergleichen.</translation>
        </message>
        <message>
            <source>Expected %1 %2 %3, but it is %4.</source>
            <translation>Erwartet war %1 %2 %3, tatsächlich ist es %4.</translation>
        </message>
        <message>
            <source>An exit status of %1 was expected, but the step reported none.</source>
            <translation>Erwartet war Exit-Status %1, aber der Schritt hat keinen gemeldet.</translation>
        </message>
        <message>
            <source>The command exited with status %1; %2 was expected.</source>
            <translation>Der Befehl endete mit Status %1; erwartet war %2.</translation>
        </message>
        <message>
            <source>The command exited with status %1.</source>
            <translation>Der Befehl endete mit Status %1.</translation>
        </message>
        <message>
            <source>HTTP status %1 was expected, but no response arrived.</source>
            <translation>Erwartet war HTTP-Status %1, aber es kam keine Antwort.</translation>
        </message>
        <message>
            <source>The server answered HTTP %1; %2 was expected.</source>
            <translation>Der Server antwortete mit HTTP %1; erwartet war %2.</translation>
        </message>
        <message>
            <source>The server answered HTTP %1.</source>
            <translation>Der Server antwortete mit HTTP %1.</translation>
        </message>
        <message>
            <source>The pattern “%1” is not a valid regular expression (%2); fix expect.regex in the runbook.</source>
            <translation>Das Muster „%1“ ist kein gültiger regulärer Ausdruck (%2); korrigieren Sie expect.regex im Runbook.</translation>
        </message>
        <message>
            <source>The output does not match “%1”.</source>
            <translation>Die Ausgabe passt nicht zu „%1“.</translation>
        </message>
        <message>
            <source>A response within %1 ms was expected, but no time was measured.</source>
            <translation>Erwartet war eine Antwort innerhalb von %1 ms, aber es wurde keine Zeit gemessen.</translation>
        </message>
        <message>
            <source>The response took %1 ms; the budget is %2 ms.</source>
            <translation>Die Antwort dauerte %1 ms; das Budget beträgt %2 ms.</translation>
        </message>
    </context>
    <context>
        <name>ph::FanOut</name>
        <message>
            <source>Cancelled before it started.</source>
            <translation>Vor dem Start abgebrochen.</translation>
        </message>
        <message>
            <source>Cancelled while it ran.</source>
            <translation>Während der Ausführung abgebrochen.</translation>
        </message>
    </context>
    <context>
        <name>ph::HealthModel</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Degraded</source>
            <translation>Beeinträchtigt</translation>
        </message>
        <message>
            <source>Failing</source>
            <translation>Fehlerhaft</translation>
        </message>
        <message>
            <source>Down</source>
            <translation>Ausgefallen</translation>
        </message>
        <message>
            <source>Stale</source>
            <translation>Veraltet</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Wartet</translation>
        </message>
        <message>
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message numerus="yes">
            <source>%n s ago</source>
            <translation><numerusform>vor %n s</numerusform><numerusform>vor %n s</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation><numerusform>vor %n min</numerusform><numerusform>vor %n min</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n h ago</source>
            <translation><numerusform>vor %n h</numerusform><numerusform>vor %n h</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n d ago</source>
            <translation><numerusform>vor %n Tag</numerusform><numerusform>vor %n Tagen</numerusform></translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>no answer yet</source>
            <translation>noch keine Antwort</translation>
        </message>
        <message>
            <source>Last answer at %1</source>
            <translation>Letzte Antwort um %1</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>Endpunkt</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>HTTP</source>
            <translation>HTTP</translation>
        </message>
        <message>
            <source>Latency</source>
            <translation>Latenz</translation>
        </message>
        <message>
            <source>Trend</source>
            <translation>Trend</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Letzte Änderung</translation>
        </message>
        <message>
            <source>Uptime 24 h</source>
            <translation>Verfügbarkeit 24 h</translation>
        </message>
        <message>
            <source>Uptime 7 d</source>
            <translation>Verfügbarkeit 7 T</translation>
        </message>
        <message>
            <source>Data age</source>
            <translation>Datenalter</translation>
        </message>
    </context>
    <context>
        <name>ph::HealthView</name>
        <message>
            <source>Open in browser</source>
            <translation>Im Browser öffnen</translation>
        </message>
        <message>
            <source>Opens the service's page; through an SSH tunnel when it is reached via a host.</source>
            <translation>Öffnet die Seite des Dienstes; über einen SSH-Tunnel, wenn er über einen Host erreicht wird.</translation>
        </message>
        <message>
            <source>Header</source>
            <translation>Header</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>Latency</source>
            <translation>Latenz</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Body</translation>
        </message>
        <message>
            <source>Headers</source>
            <translation>Header</translation>
        </message>
        <message>
            <source>Open %1 in browser</source>
            <translation>%1 im Browser öffnen</translation>
        </message>
        <message>
            <source>Enter password for %1…</source>
            <translation>Passwort für %1 eingeben…</translation>
        </message>
        <message>
            <source>Enter passphrase for %1…</source>
            <translation>Passphrase für %1 eingeben…</translation>
        </message>
        <message>
            <source>The tunnel to %1 cannot log in to %2 without its password. Give it, and the check runs again at once.</source>
            <translation>Der Tunnel zu %1 kann sich ohne Passwort nicht bei %2 anmelden. Sobald es angegeben ist, läuft die Prüfung sofort erneut.</translation>
        </message>
        <message>
            <source>The tunnel to %1 cannot log in to %2 without its key passphrase. Give it, and the check runs again at once.</source>
            <translation>Der Tunnel zu %1 kann sich ohne die Passphrase des Schlüssels nicht bei %2 anmelden. Sobald sie angegeben ist, läuft die Prüfung sofort erneut.</translation>
        </message>
        <message>
            <source>Select an endpoint to see its last answer.</source>
            <translation>Wählen Sie einen Endpunkt, um seine letzte Antwort zu sehen.</translation>
        </message>
        <message>
            <source>%1 %2 — %3</source>
            <translation>%1 %2 — %3</translation>
        </message>
        <message>
            <source>Latency (ms)</source>
            <translation>Latenz (ms)</translation>
        </message>
        <message numerus="yes">
            <source>Last %n checks</source>
            <translation><numerusform>Letzte Prüfung</numerusform><numerusform>Letzte %n Prüfungen</numerusform></translation>
        </message>
    </context>
    <context>
        <name>ph::HostCommands</name>
        <message>
            <source>The workspace has no host named %1; add it under "hosts".</source>
            <translation>Der Arbeitsbereich hat keinen Host namens %1; fügen Sie ihn unter "hosts" hinzu.</translation>
        </message>
    </context>
    <context>
        <name>ph::HostCredentials</name>
        <message>
            <source>The secret of %1 could not be read from the keychain: %2</source>
            <translation>Das Geheimnis von %1 konnte nicht aus dem Schlüsselbund gelesen werden: %2</translation>
        </message>
    </context>
    <context>
        <name>ph::HostFacts</name>
        <message>
            <source>not a container with a name and a state</source>
            <translation>kein Container mit Name und Zustand</translation>
        </message>
        <message>
            <source>unreadable JSON: %1</source>
            <translation>unlesbares JSON: %1</translation>
        </message>
        <message>
            <source>no container state (Up, Exit N, Restarting) found</source>
            <translation>kein Container-Zustand (Up, Exit N, Restarting) gefunden</translation>
        </message>
        <message>
            <source>not a docker-compose ps table (no NAME and STATUS columns)</source>
            <translation>keine docker-compose ps-Tabelle (keine Spalten NAME und STATUS)</translation>
        </message>
        <message>
            <source>columns do not match the header, or the status is unknown</source>
            <translation>Spalten passen nicht zur Kopfzeile, oder der Status ist unbekannt</translation>
        </message>
        <message>
            <source>not docker stats output (no header)</source>
            <translation>keine Ausgabe von docker stats (keine Kopfzeile)</translation>
        </message>
        <message>
            <source>no name, CPU % and memory figures</source>
            <translation>kein Name und keine Werte für CPU % und Speicher</translation>
        </message>
        <message>
            <source>not df output (no Filesystem header)</source>
            <translation>keine df-Ausgabe (keine Kopfzeile Filesystem)</translation>
        </message>
        <message>
            <source>expected: file system, size, used, available, use %, mount point</source>
            <translation>erwartet: Dateisystem, Größe, belegt, verfügbar, Belegung %, Einhängepunkt</translation>
        </message>
        <message>
            <source>file system without figures</source>
            <translation>Dateisystem ohne Werte</translation>
        </message>
    </context>
    <context>
        <name>ph::HostFactsCollector</name>
        <message>
            <source>%1, line %2: %3 ("%4")</source>
            <translation>%1, Zeile %2: %3 ("%4")</translation>
        </message>
        <message>
            <source>The host key of %1 (%2) is not trusted yet; check and accept it in the Remote view.</source>
            <translation>Dem Host-Schlüssel von %1 (%2) wird noch nicht vertraut; prüfen und akzeptieren Sie ihn in der Remote-Ansicht.</translation>
        </message>
        <message>
            <source>%1 did not finish in time.</source>
            <translation>%1 wurde nicht rechtzeitig fertig.</translation>
        </message>
        <message>
            <source>%1 failed (exit status %2).</source>
            <translation>%1 fehlgeschlagen (Exit-Status %2).</translation>
        </message>
        <message>
            <source>%1 failed (exit status %2): %3</source>
            <translation>%1 fehlgeschlagen (Exit-Status %2): %3</translation>
        </message>
        <message>
            <source>%1 did not answer within %2 s; check that it is reachable and that its host key has been accepted (Remote view).</source>
            <translation>%1 hat nicht innerhalb von %2 s geantwortet; prüfen Sie, ob der Host erreichbar ist und ob sein Host-Schlüssel akzeptiert wurde (Remote-Ansicht).</translation>
        </message>
    </context>
    <context>
        <name>ph::HostFactsPanel</name>
        <message>
            <source>healthy</source>
            <translation>gesund</translation>
        </message>
        <message>
            <source>unhealthy</source>
            <translation>ungesund</translation>
        </message>
        <message>
            <source>health check starting</source>
            <translation>Zustandsprüfung startet</translation>
        </message>
        <message>
            <source>up</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>exited (%1)</source>
            <translation>beendet (%1)</translation>
        </message>
        <message>
            <source>exited</source>
            <translation>beendet</translation>
        </message>
        <message>
            <source>restarting</source>
            <translation>startet neu</translation>
        </message>
        <message>
            <source>waiting for the first answer</source>
            <translation>warten auf die erste Antwort</translation>
        </message>
        <message>
            <source>tried %1 s ago</source>
            <translation>vor %1 s versucht</translation>
        </message>
        <message>
            <source>tried %1 min ago</source>
            <translation>vor %1 min versucht</translation>
        </message>
        <message>
            <source>tried %1 h ago</source>
            <translation>vor %1 h versucht</translation>
        </message>
        <message>
            <source>collected %1 s ago</source>
            <translation>vor %1 s erfasst</translation>
        </message>
        <message>
            <source>collected %1 min ago</source>
            <translation>vor %1 min erfasst</translation>
        </message>
        <message>
            <source>collected %1 h ago</source>
            <translation>vor %1 h erfasst</translation>
        </message>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Figures</source>
            <translation>Werte</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>&lt;b&gt;Hosts&lt;/b&gt;</source>
            <translation>&lt;b&gt;Hosts&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Bot Core containers, memory and disks, asked over SSH every minute</source>
            <translation>Container von Bot Core, Speicher und Datenträger, jede Minute per SSH abgefragt</translation>
        </message>
        <message>
            <source>Collect now</source>
            <translation>Jetzt erfassen</translation>
        </message>
        <message>
            <source>Ask the hosts again for their containers, memory and disks</source>
            <translation>Die Hosts erneut nach ihren Containern, ihrem Speicher und ihren Datenträgern fragen</translation>
        </message>
        <message>
            <source>not collected</source>
            <translation>nicht erfasst</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Enter passphrase…</source>
            <translation>Passphrase eingeben…</translation>
        </message>
        <message>
            <source>Give %1's key passphrase or password, then collect again</source>
            <translation>Passphrase des Schlüssels oder Passwort für %1 angeben und dann erneut abrufen</translation>
        </message>
        <message>
            <source>Containers</source>
            <translation>Container</translation>
        </message>
        <message>
            <source>CPU %1 · memory %2 of %3 (%4)</source>
            <translation>CPU %1 · Speicher %2 von %3 (%4)</translation>
        </message>
        <message>
            <source>(no containers)</source>
            <translation>(keine Container)</translation>
        </message>
        <message>
            <source>Disks</source>
            <translation>Datenträger</translation>
        </message>
        <message>
            <source>%1 of %2 used, %3 free</source>
            <translation>%1 von %2 belegt, %3 frei</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message numerus="yes">
            <source>%n container(s) up</source>
            <translation><numerusform>%n Container läuft</numerusform><numerusform>%n Container laufen</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n container(s) down or unhealthy</source>
            <translation><numerusform>%n Container gestoppt oder ungesund</numerusform><numerusform>%n Container gestoppt oder ungesund</numerusform></translation>
        </message>
        <message>
            <source>fullest disk %1</source>
            <translation>vollster Datenträger %1</translation>
        </message>
        <message>
            <source>memory up to %1</source>
            <translation>Speicher bis %1</translation>
        </message>
        <message>
            <source>needs attention</source>
            <translation>erfordert Aufmerksamkeit</translation>
        </message>
        <message>
            <source>watch</source>
            <translation>beobachten</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>ph::HostKeyDialog</name>
        <message>
            <source>Accept &amp;once</source>
            <translation>&amp;Einmal akzeptieren</translation>
        </message>
        <message>
            <source>Accept and &amp;remember</source>
            <translation>Akzeptieren und &amp;merken</translation>
        </message>
        <message>
            <source>Re&amp;ject</source>
            <translation>&amp;Ablehnen</translation>
        </message>
        <message>
            <source>Unknown host key</source>
            <translation>Unbekannter Host-Schlüssel</translation>
        </message>
        <message>
            <source>Pilothouse has never seen the host key of %1. Compare the fingerprint with the one the server's owner published (ssh-keygen -lf on the server) before you accept it. If you cannot check it, reject it.</source>
            <translation>Pilothouse hat den Host-Schlüssel von %1 noch nie gesehen. Vergleichen Sie den Fingerabdruck mit dem vom Verantwortlichen des Servers veröffentlichten (ssh-keygen -lf auf dem Server), bevor Sie ihn akzeptieren. Wenn Sie ihn nicht prüfen können, lehnen Sie ihn ab.</translation>
        </message>
        <message>
            <source>Host:</source>
            <translation>Host:</translation>
        </message>
        <message>
            <source>Port:</source>
            <translation>Port:</translation>
        </message>
        <message>
            <source>Key type:</source>
            <translation>Schlüsseltyp:</translation>
        </message>
        <message>
            <source>Fingerprint:</source>
            <translation>Fingerabdruck:</translation>
        </message>
        <message>
            <source>"Accept and remember" saves the key in Pilothouse's own known_hosts file; "Accept once" trusts it until the connection closes.</source>
            <translation>"Akzeptieren und merken" speichert den Schlüssel in Pilothouses eigener known_hosts-Datei; "Einmal akzeptieren" vertraut ihm, bis die Verbindung geschlossen wird.</translation>
        </message>
        <message>
            <source>Host key changed — connection refused</source>
            <translation>Host-Schlüssel geändert — Verbindung abgelehnt</translation>
        </message>
        <message>
            <source>Pilothouse refused to connect to %1.</source>
            <translation>Pilothouse hat die Verbindung zu %1 abgelehnt.</translation>
        </message>
    </context>
    <context>
        <name>ph::HostSpec</name>
        <message>
            <source>"%1" is not a host: %2. Write [user@]address[:port], e.g. deploy@10.0.0.5:2222 or [::1]:22.</source>
            <translation>"%1" ist kein Host: %2. Schreiben Sie [user@]address[:port], z. B. deploy@10.0.0.5:2222 oder [::1]:22.</translation>
        </message>
        <message>
            <source>it is empty</source>
            <translation>die Angabe ist leer</translation>
        </message>
        <message>
            <source>the user name before "@" is empty</source>
            <translation>der Benutzername vor "@" ist leer</translation>
        </message>
        <message>
            <source>the user name contains "%1"</source>
            <translation>der Benutzername enthält "%1"</translation>
        </message>
        <message>
            <source>the user name starts with "-"</source>
            <translation>der Benutzername beginnt mit "-"</translation>
        </message>
        <message>
            <source>the address is missing</source>
            <translation>die Adresse fehlt</translation>
        </message>
        <message>
            <source>the "[" has no matching "]"</source>
            <translation>zu "[" gibt es kein passendes "]"</translation>
        </message>
        <message>
            <source>only ":port" may follow "]"</source>
            <translation>auf "]" darf nur ":port" folgen</translation>
        </message>
        <message>
            <source>the address contains "%1"</source>
            <translation>die Adresse enthält "%1"</translation>
        </message>
        <message>
            <source>the address starts with "-"</source>
            <translation>die Adresse beginnt mit "-"</translation>
        </message>
        <message>
            <source>put an IPv6 address in brackets before a port, e.g. [::1]:22</source>
            <translation>setzen Sie eine IPv6-Adresse vor einem Port in eckige Klammern, z. B. [::1]:22</translation>
        </message>
        <message>
            <source>the port after ":" is missing</source>
            <translation>der Port nach ":" fehlt</translation>
        </message>
        <message>
            <source>the port "%1" is not a number from 1 to 65535</source>
            <translation>der Port "%1" ist keine Zahl von 1 bis 65535</translation>
        </message>
    </context>
    <context>
        <name>ph::HostTreeModel</name>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>Verbindung</translation>
        </message>
        <message>
            <source>idle</source>
            <translation>inaktiv</translation>
        </message>
        <message>
            <source>connecting…</source>
            <translation>wird verbunden…</translation>
        </message>
        <message>
            <source>connected</source>
            <translation>verbunden</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>%1 — PRODUCTION</source>
            <translation>%1 — PRODUKTION</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>Fehlgeschlagen: %1</translation>
        </message>
    </context>
    <context>
        <name>ph::KnownHostsPage</name>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Key type</source>
            <translation>Schlüsseltyp</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>Fingerabdruck</translation>
        </message>
        <message>
            <source>&amp;Forget host key</source>
            <translation>Host-Schlüssel &amp;vergessen</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Kopieren</translation>
        </message>
        <message>
            <source>Pilothouse's known hosts — %1</source>
            <translation>Bekannte Hosts von Pilothouse — %1</translation>
        </message>
        <message>
            <source>Select a host key to forget it.</source>
            <translation>Wählen Sie einen Host-Schlüssel aus, um ihn zu vergessen.</translation>
        </message>
        <message>
            <source>OpenSSH's known hosts (read-only) — %1</source>
            <translation>Bekannte Hosts von OpenSSH (schreibgeschützt) — %1</translation>
        </message>
        <message>
            <source>Pilothouse never edits this file. To remove an entry, run this command in a terminal:</source>
            <translation>Pilothouse bearbeitet diese Datei nie. Um einen Eintrag zu entfernen, führen Sie diesen Befehl in einem Terminal aus:</translation>
        </message>
        <message>
            <source>Select an entry</source>
            <translation>Wählen Sie einen Eintrag aus</translation>
        </message>
        <message>
            <source>Forgot the host key of %1. The next connection asks again.</source>
            <translation>Host-Schlüssel von %1 vergessen. Bei der nächsten Verbindung wird erneut nachgefragt.</translation>
        </message>
        <message>
            <source>hashed</source>
            <translation>gehasht</translation>
        </message>
        <message>
            <source>%1, line %2: %3</source>
            <translation>%1, Zeile %2: %3</translation>
        </message>
        <message>
            <source>This entry cannot be forgotten here; edit line %1 of the file.</source>
            <translation>Dieser Eintrag kann hier nicht vergessen werden; bearbeiten Sie Zeile %1 der Datei.</translation>
        </message>
        <message>
            <source>To forget the key of %1, type the host name &lt;b&gt;%2&lt;/b&gt;. Pilothouse then asks you to check the key again on the next connection.</source>
            <translation>Um den Schlüssel von %1 zu vergessen, geben Sie den Hostnamen &lt;b&gt;%2&lt;/b&gt; ein. Pilothouse fordert Sie dann bei der nächsten Verbindung auf, den Schlüssel erneut zu prüfen.</translation>
        </message>
        <message>
            <source>This entry's host name is hashed. Put the host you connect to in place of HOST, written "[HOST]:PORT" when the port is not 22. ssh-keygen -F HOST shows whether it matches.</source>
            <translation>Der Hostname dieses Eintrags ist gehasht. Setzen Sie anstelle von HOST den Host ein, zu dem Sie sich verbinden, geschrieben als "[HOST]:PORT", wenn der Port nicht 22 ist. ssh-keygen -F HOST zeigt, ob er passt.</translation>
        </message>
    </context>
    <context>
        <name>ph::MainWindow</name>
        <message>
            <source>Pilothouse</source>
            <translation>Pilothouse</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>SLOs</source>
            <translation>SLOs</translation>
        </message>
        <message>
            <source>Queues</source>
            <translation>Warteschlangen</translation>
        </message>
        <message>
            <source>Backups</source>
            <translation>Backups</translation>
        </message>
        <message>
            <source>Payouts</source>
            <translation>Auszahlungen</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alarme</translation>
        </message>
        <message>
            <source>Runbooks</source>
            <translation>Runbooks</translation>
        </message>
        <message>
            <source>Remote</source>
            <translation>Fernzugriff</translation>
        </message>
        <message>
            <source>Alerts (%1)</source>
            <translation>Alarme (%1)</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>Umgebung</translation>
        </message>
        <message>
            <source>Environment: </source>
            <translation>Umgebung: </translation>
        </message>
        <message>
            <source>Which environment the dashboards show (Ctrl+E)</source>
            <translation>Welche Umgebung die Dashboards zeigen (Strg+E)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;Credentials…</source>
            <translation>&amp;Zugangsdaten…</translation>
        </message>
        <message>
            <source>&amp;Import hosts from ~/.ssh/config…</source>
            <translation>Hosts aus ~/.ssh/config &amp;importieren…</translation>
        </message>
        <message>
            <source>&amp;Known hosts…</source>
            <translation>&amp;Bekannte Hosts…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>&amp;Refresh now</source>
            <translation>Jetzt a&amp;ktualisieren</translation>
        </message>
        <message>
            <source>Choose &amp;environment</source>
            <translation>&amp;Umgebung wählen</translation>
        </message>
        <message>
            <source>&amp;Tools</source>
            <translation>E&amp;xtras</translation>
        </message>
        <message>
            <source>&amp;Audit log…</source>
            <translation>&amp;Audit-Protokoll…</translation>
        </message>
        <message>
            <source>DEMO — simulated services</source>
            <translation>DEMO — simulierte Dienste</translation>
        </message>
        <message>
            <source>%1 — PRODUCTION</source>
            <translation>%1 — PRODUKTION</translation>
        </message>
        <message>
            <source>Workspace loaded with warnings:
%1</source>
            <translation>Arbeitsbereich mit Warnungen geladen:
%1</translation>
        </message>
        <message>
            <source>Workspace: %1 (%2)</source>
            <translation>Arbeitsbereich: %1 (%2)</translation>
        </message>
        <message>
            <source>PRODUCTION — %1 (%2)</source>
            <translation>PRODUKTION — %1 (%2)</translation>
        </message>
        <message>
            <source>Pilothouse — %1 — PRODUCTION</source>
            <translation>Pilothouse — %1 — PRODUKTION</translation>
        </message>
        <message>
            <source>Pilothouse — %1</source>
            <translation>Pilothouse — %1</translation>
        </message>
        <message>
            <source>The workspace file has an error; the previous workspace stays loaded.
%1</source>
            <translation>Die Arbeitsbereichsdatei enthält einen Fehler; der bisherige Arbeitsbereich bleibt geladen.
%1</translation>
        </message>
        <message>
            <source>The keychain cannot be used; endpoints that need a dashboard key will fail until it can.
%1</source>
            <translation>Der Schlüsselbund ist nicht nutzbar; Endpunkte, die einen Dashboard-Schlüssel brauchen, schlagen fehl, bis er wieder geht.
%1</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>Offline — data is stale</source>
            <translation>Offline — Daten sind veraltet</translation>
        </message>
    </context>
    <context>
        <name>ph::MetricsSloTracker</name>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>A scrape of %1 has no time; it was ignored.</source>
            <translation>Ein Abruf von %1 hat keine Zeitangabe; er wurde ignoriert.</translation>
        </message>
        <message>
            <source>A scrape of %1 is not newer than the previous one; it was ignored.</source>
            <translation>Ein Abruf von %1 ist nicht neuer als der vorherige; er wurde ignoriert.</translation>
        </message>
        <message>
            <source>%1 is malformed at line %2: %3.</source>
            <translation>%1 ist in Zeile %2 fehlerhaft: %3.</translation>
        </message>
        <message numerus="yes">
            <source>(and %n more bad line(s))</source>
            <translation><numerusform>(und %n weitere fehlerhafte Zeile)</numerusform><numerusform>(und %n weitere fehlerhafte Zeilen)</numerusform></translation>
        </message>
        <message>
            <source>The figures from the scrapes before are kept.</source>
            <translation>Die Werte aus den vorherigen Abrufen bleiben erhalten.</translation>
        </message>
        <message>
            <source>%1 has no http_requests_total counter, which the availability and burn rates are computed from.</source>
            <translation>%1 hat keinen Zähler http_requests_total, aus dem die Verfügbarkeit und die Burn-Raten berechnet werden.</translation>
        </message>
        <message>
            <source>needs two scrapes of %1 to compute a rate</source>
            <translation>benötigt zwei Abrufe von %1, um eine Rate zu berechnen</translation>
        </message>
        <message>
            <source>no requests in the %1 seen of %2</source>
            <translation>keine Anfragen in den beobachteten %1 von %2</translation>
        </message>
        <message>
            <source>no requests in the last %1</source>
            <translation>keine Anfragen in den letzten %1</translation>
        </message>
        <message>
            <source>covers %1 of %2</source>
            <translation>deckt %1 von %2 ab</translation>
        </message>
        <message>
            <source>since the service's counters started (one scrape so far)</source>
            <translation>seit dem Start der Zähler des Dienstes (bisher ein Abruf)</translation>
        </message>
        <message>
            <source>covers %1 of 5 min</source>
            <translation>deckt %1 von 5 min ab</translation>
        </message>
        <message>
            <source>%1 has no http_request_duration_seconds histogram</source>
            <translation>%1 hat kein Histogramm http_request_duration_seconds</translation>
        </message>
        <message>
            <source>no requests in the last 5 min</source>
            <translation>keine Anfragen in den letzten 5 min</translation>
        </message>
        <message>
            <source>the histogram's buckets cannot give a quantile</source>
            <translation>die Buckets des Histogramms ergeben kein Quantil</translation>
        </message>
        <message>
            <source>%1 does not report webhook success; the service's SLO endpoint or a Prometheus server can</source>
            <translation>%1 meldet keinen Webhook-Erfolg; der SLO-Endpunkt des Dienstes oder ein Prometheus-Server kann das</translation>
        </message>
        <message>
            <source>Waiting for the first scrape of %1.</source>
            <translation>Warten auf den ersten Abruf von %1.</translation>
        </message>
        <message>
            <source>over %1 seen of the %2-day window</source>
            <translation>über beobachtete %1 des %2-Tage-Fensters</translation>
        </message>
        <message>
            <source>no requests seen yet</source>
            <translation>noch keine Anfragen beobachtet</translation>
        </message>
    </context>
    <context>
        <name>ph::OutputPane</name>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>cancelled · %1</source>
            <translation>abgebrochen · %1</translation>
        </message>
        <message>
            <source>timed out · %1</source>
            <translation>Zeitüberschreitung · %1</translation>
        </message>
        <message>
            <source>failed: %1</source>
            <translation>fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>killed by signal %1 · %2</source>
            <translation>durch Signal %1 beendet · %2</translation>
        </message>
        <message>
            <source>exit %1 · %2</source>
            <translation>Exit %1 · %2</translation>
        </message>
        <message>
            <source>Could not read the output kept for saving.</source>
            <translation>Die zum Speichern vorgehaltene Ausgabe konnte nicht gelesen werden.</translation>
        </message>
        <message>
            <source>Could not write %1: %2</source>
            <translation>%1 konnte nicht geschrieben werden: %2</translation>
        </message>
    </context>
    <context>
        <name>ph::PassphraseDialog</name>
        <message>
            <source>&amp;Save in keychain</source>
            <translation>Im Schlüsselbund &amp;speichern</translation>
        </message>
        <message>
            <source>Key passphrase needed</source>
            <translation>Schlüssel-Passphrase erforderlich</translation>
        </message>
        <message>
            <source>Password needed</source>
            <translation>Passwort erforderlich</translation>
        </message>
        <message>
            <source>Logging in to %1 needs the passphrase of its key, and the keychain has none.</source>
            <translation>Die Anmeldung bei %1 erfordert die Passphrase des Schlüssels, und der Schlüsselbund enthält keine.</translation>
        </message>
        <message>
            <source>Logging in to %1 needs a password, and the keychain has none.</source>
            <translation>Die Anmeldung bei %1 erfordert ein Passwort, und der Schlüsselbund enthält keines.</translation>
        </message>
        <message>
            <source>Host:</source>
            <translation>Host:</translation>
        </message>
        <message>
            <source>Key file:</source>
            <translation>Schlüsseldatei:</translation>
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation>&amp;Passphrase:</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Passwort:</translation>
        </message>
        <message>
            <source>The host names no keychain entry ("secret_ref" in the workspace), so the value is kept for this session only.</source>
            <translation>Der Host nennt keinen Schlüsselbund-Eintrag ("secret_ref" im Arbeitsbereich), daher wird der Wert nur für diese Sitzung aufbewahrt.</translation>
        </message>
        <message>
            <source>Stored as "%1". Unticked, the value is kept in memory until the console quits.</source>
            <translation>Gespeichert als „%1“. Ohne Häkchen bleibt der Wert im Arbeitsspeicher, bis die Konsole beendet wird.</translation>
        </message>
        <message>
            <source>&amp;Log in</source>
            <translation>&amp;Anmelden</translation>
        </message>
    </context>
    <context>
        <name>ph::PayoutsCsv</name>
        <message>
            <source>A quoted field is not closed.</source>
            <translation>Ein Feld in Anführungszeichen wird nicht geschlossen.</translation>
        </message>
        <message>
            <source>Text follows the closing quote of field %1.</source>
            <translation>Nach dem schließenden Anführungszeichen von Feld %1 folgt Text.</translation>
        </message>
        <message>
            <source>Field %1 contains a quote but is not quoted.</source>
            <translation>Feld %1 enthält ein Anführungszeichen, steht aber nicht in Anführungszeichen.</translation>
        </message>
        <message>
            <source>The amount "%1" is too large.</source>
            <translation>Der Betrag „%1“ ist zu groß.</translation>
        </message>
        <message>
            <source>The amount "%1" is not a decimal number such as 1234.50.</source>
            <translation>Der Betrag „%1“ ist keine Dezimalzahl wie 1234.50.</translation>
        </message>
        <message>
            <source>The amount "%1" has more than two decimals.</source>
            <translation>Der Betrag „%1“ hat mehr als zwei Nachkommastellen.</translation>
        </message>
        <message>
            <source>The amount "%1" has no digits after the decimal point.</source>
            <translation>Der Betrag „%1“ hat keine Ziffern nach dem Dezimalpunkt.</translation>
        </message>
        <message>
            <source>The payouts export is empty; expected a header line with %1.</source>
            <translation>Der Auszahlungsexport ist leer; erwartet wird eine Kopfzeile mit %1.</translation>
        </message>
        <message>
            <source>The header line of the payouts export is not valid CSV: %1</source>
            <translation>Die Kopfzeile des Auszahlungsexports ist kein gültiges CSV: %1</translation>
        </message>
        <message>
            <source>The payouts export has the column "%1" twice.</source>
            <translation>Der Auszahlungsexport enthält die Spalte „%1“ doppelt.</translation>
        </message>
        <message>
            <source>The payouts export has no column %1. Its header must name partner_id, partner_name, period, amount, currency and status.</source>
            <translation>Dem Auszahlungsexport fehlt die Spalte %1. Die Kopfzeile muss partner_id, partner_name, period, amount, currency und status nennen.</translation>
        </message>
        <message>
            <source>Expected %1 fields, found %2.</source>
            <translation>%1 Felder erwartet, %2 gefunden.</translation>
        </message>
        <message>
            <source>The record is not valid UTF-8.</source>
            <translation>Der Datensatz ist kein gültiges UTF-8.</translation>
        </message>
        <message>
            <source>The partner_id is empty.</source>
            <translation>partner_id ist leer.</translation>
        </message>
        <message>
            <source>The period is empty.</source>
            <translation>period ist leer.</translation>
        </message>
        <message>
            <source>The currency "%1" is not a three-letter ISO code such as USD.</source>
            <translation>Die Währung „%1“ ist kein dreibuchstabiger ISO-Code wie USD.</translation>
        </message>
        <message>
            <source>Adding this amount would overflow the totals.</source>
            <translation>Dieser Betrag würde die Summen überlaufen lassen.</translation>
        </message>
        <message>
            <source>Cannot save the payout of partner %1: "%2" is not a three-letter currency code.</source>
            <translation>Die Auszahlung von Partner %1 kann nicht gespeichert werden: „%2“ ist kein dreibuchstabiger Währungscode.</translation>
        </message>
    </context>
    <context>
        <name>ph::PayoutsModel</name>
        <message>
            <source>Partner ID</source>
            <translation>Partner-ID</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Zeitraum</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <source>Currency</source>
            <translation>Währung</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>Zeile</translation>
        </message>
    </context>
    <context>
        <name>ph::PayoutsPanel</name>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>&amp;Save as…</source>
            <translation>&amp;Speichern unter…</translation>
        </message>
        <message>
            <source>30 days, USD</source>
            <translation>30 Tage, USD</translation>
        </message>
        <message>
            <source>&amp;Look up</source>
            <translation>&amp;Nachschlagen</translation>
        </message>
        <message>
            <source>Payouts &amp; FinOps</source>
            <translation>Auszahlungen &amp; FinOps</translation>
        </message>
        <message>
            <source>Fetch the payouts export again</source>
            <translation>Auszahlungsexport erneut abrufen</translation>
        </message>
        <message>
            <source>Service:</source>
            <translation>Dienst:</translation>
        </message>
        <message>
            <source>Filter by partner, name, status, amount…</source>
            <translation>Nach Partner, Name, Status, Betrag filtern…</translation>
        </message>
        <message>
            <source>Save the rows shown as payouts_YYYYMM.csv</source>
            <translation>Angezeigte Zeilen als payouts_YYYYMM.csv speichern</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>Zeitraum:</translation>
        </message>
        <message>
            <source>Double-click a row to look up the partner</source>
            <translation>Doppelklicken Sie auf eine Zeile, um den Partner nachzuschlagen</translation>
        </message>
        <message>
            <source>Totals of the rows shown</source>
            <translation>Summen der angezeigten Zeilen</translation>
        </message>
        <message>
            <source>Currency</source>
            <translation>Währung</translation>
        </message>
        <message>
            <source>Rows</source>
            <translation>Zeilen</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Summe</translation>
        </message>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
        <message>
            <source>Waiting for the FinOps summary (/api/finops/summary).</source>
            <translation>Warten auf die FinOps-Übersicht (/api/finops/summary).</translation>
        </message>
        <message>
            <source>Cost:</source>
            <translation>Kosten:</translation>
        </message>
        <message>
            <source>Revenue:</source>
            <translation>Umsatz:</translation>
        </message>
        <message>
            <source>Margin:</source>
            <translation>Marge:</translation>
        </message>
        <message>
            <source>Cost, revenue and margin</source>
            <translation>Kosten, Umsatz und Marge</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>Kosten</translation>
        </message>
        <message>
            <source>Revenue</source>
            <translation>Umsatz</translation>
        </message>
        <message>
            <source>Margin</source>
            <translation>Marge</translation>
        </message>
        <message>
            <source>USD</source>
            <translation>USD</translation>
        </message>
        <message>
            <source>Partner id, e.g. PTR_001</source>
            <translation>Partner-ID, z. B. PTR_001</translation>
        </message>
        <message>
            <source>Payouts</source>
            <translation>Auszahlungen</translation>
        </message>
        <message>
            <source>FinOps</source>
            <translation>FinOps</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>No service of this environment offers a payouts export (endpoint "payouts").</source>
            <translation>Kein Dienst dieser Umgebung bietet einen Auszahlungsexport an (Endpunkt "payouts").</translation>
        </message>
        <message>
            <source>Payouts cannot be fetched: the console is not connected.</source>
            <translation>Auszahlungen können nicht abgerufen werden: Die Konsole ist nicht verbunden.</translation>
        </message>
        <message>
            <source>Fetching the payouts export of %1…</source>
            <translation>Auszahlungsexport von %1 wird abgerufen…</translation>
        </message>
        <message>
            <source>Type a partner id first, e.g. PTR_001.</source>
            <translation>Geben Sie zuerst eine Partner-ID ein, z. B. PTR_001.</translation>
        </message>
        <message>
            <source>No service to ask for partner figures.</source>
            <translation>Kein Dienst, der nach Partnerzahlen gefragt werden kann.</translation>
        </message>
        <message>
            <source>Looking up %1…</source>
            <translation>%1 wird nachgeschlagen…</translation>
        </message>
        <message>
            <source>HTTP %1</source>
            <translation>HTTP %1</translation>
        </message>
        <message>
            <source>The payouts export could not be fetched: %1</source>
            <translation>Der Auszahlungsexport konnte nicht abgerufen werden: %1</translation>
        </message>
        <message>
            <source>The payouts export could not be fetched: %1. The table still shows the previous export.</source>
            <translation>Der Auszahlungsexport konnte nicht abgerufen werden: %1. Die Tabelle zeigt weiterhin den vorherigen Export.</translation>
        </message>
        <message>
            <source>Last attempt %1 UTC from %2</source>
            <translation>Letzter Versuch %1 UTC von %2</translation>
        </message>
        <message>
            <source>Could not look up the partner: %1</source>
            <translation>Der Partner konnte nicht nachgeschlagen werden: %1</translation>
        </message>
        <message>
            <source>The partner figures are not JSON: %1</source>
            <translation>Die Partnerzahlen sind kein JSON: %1</translation>
        </message>
        <message>
            <source>%1 (not a decimal amount)</source>
            <translation>%1 (kein Dezimalbetrag)</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Earnings: %2&lt;br&gt;Referrals: %3&lt;br&gt;&lt;small&gt;%4 UTC, %5&lt;/small&gt;</source>
            <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Einnahmen: %2&lt;br&gt;Empfehlungen: %3&lt;br&gt;&lt;small&gt;%4 UTC, %5&lt;/small&gt;</translation>
        </message>
        <message>
            <source>not reported</source>
            <translation>nicht gemeldet</translation>
        </message>
        <message>
            <source>The payouts export cannot be read: %1%2</source>
            <translation>Der Auszahlungsexport kann nicht gelesen werden: %1%2</translation>
        </message>
        <message>
            <source>. The table still shows the previous export.</source>
            <translation>. Die Tabelle zeigt weiterhin den vorherigen Export.</translation>
        </message>
        <message numerus="yes">
            <source>%n payout row(s) from %1, fetched %2 UTC</source>
            <translation><numerusform>%n Auszahlungszeile von %1, abgerufen %2 UTC</numerusform><numerusform>%n Auszahlungszeilen von %1, abgerufen %2 UTC</numerusform></translation>
        </message>
        <message>
            <source>line %1: %2</source>
            <translation>Zeile %1: %2</translation>
        </message>
        <message numerus="yes">
            <source>%n malformed record(s) left out of every total:</source>
            <translation><numerusform>%n fehlerhafter Datensatz aus allen Summen ausgeschlossen:</numerusform><numerusform>%n fehlerhafte Datensätze aus allen Summen ausgeschlossen:</numerusform></translation>
        </message>
        <message>
            <source>All periods</source>
            <translation>Alle Zeiträume</translation>
        </message>
        <message>
            <source>Per currency</source>
            <translation>Je Währung</translation>
        </message>
        <message>
            <source>Per partner</source>
            <translation>Je Partner</translation>
        </message>
        <message>
            <source>Per period</source>
            <translation>Je Zeitraum</translation>
        </message>
        <message>
            <source>Could not save %1: %2</source>
            <translation>%1 konnte nicht gespeichert werden: %2</translation>
        </message>
        <message>
            <source>Save payouts</source>
            <translation>Auszahlungen speichern</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>%1 gespeichert</translation>
        </message>
        <message>
            <source>The FinOps summary from %1 has no cost_usd / revenue_usd numbers; the figures shown are older.</source>
            <translation>Die FinOps-Übersicht von %1 enthält keine Werte für cost_usd / revenue_usd; die angezeigten Zahlen sind älter.</translation>
        </message>
        <message>
            <source>From %1 at %2 UTC</source>
            <translation>Von %1 um %2 UTC</translation>
        </message>
        <message>
            <source>%1 over %2 days</source>
            <translation>%1 über %2 Tage</translation>
        </message>
        <message>
            <source>%1 (%2 % of revenue)</source>
            <translation>%1 (%2 % des Umsatzes)</translation>
        </message>
    </context>
    <context>
        <name>ph::Probe</name>
        <message>
            <source>no secret named %1</source>
            <translation>kein Geheimnis namens %1</translation>
        </message>
    </context>
    <context>
        <name>ph::ProbeHistory</name>
        <message>
            <source>A probe result without a service, endpoint or time cannot be stored.</source>
            <translation>Ein Prüfergebnis ohne Dienst, Endpunkt oder Zeit kann nicht gespeichert werden.</translation>
        </message>
        <message>
            <source>A state change without a service, endpoint or time cannot be stored.</source>
            <translation>Eine Zustandsänderung ohne Dienst, Endpunkt oder Zeit kann nicht gespeichert werden.</translation>
        </message>
        <message>
            <source>Probe history cannot be rolled up without a time.</source>
            <translation>Der Prüfverlauf lässt sich ohne Zeitangabe nicht verdichten.</translation>
        </message>
    </context>
    <context>
        <name>ph::ProbeNotifications</name>
        <message>
            <source>%1 is down</source>
            <translation>%1 ist ausgefallen</translation>
        </message>
        <message>
            <source>%1 is failing</source>
            <translation>%1 ist fehlerhaft</translation>
        </message>
        <message>
            <source>%1 is back up</source>
            <translation>%1 ist wieder erreichbar</translation>
        </message>
        <message>
            <source>%1 answered again in %2 ms</source>
            <translation>%1 antwortet wieder nach %2 ms</translation>
        </message>
        <message>
            <source>%1 answered again</source>
            <translation>%1 antwortet wieder</translation>
        </message>
    </context>
    <context>
        <name>ph::ProbeRunner</name>
        <message>
            <source>tunnel via %1: SSH tunnels are not available here</source>
            <translation>Tunnel über %1: SSH-Tunnel sind hier nicht verfügbar</translation>
        </message>
        <message>
            <source>dashboard key %1 could not be read: %2</source>
            <translation>Dashboard-Schlüssel %1 konnte nicht gelesen werden: %2</translation>
        </message>
    </context>
    <context>
        <name>ph::PromQlClient</name>
        <message>
            <source>Prometheus at %1 sent an unexpected answer: %2. Is this a Prometheus query API?</source>
            <translation>Prometheus unter %1 hat eine unerwartete Antwort gesendet: %2. Ist dies eine Prometheus-Abfrage-API?</translation>
        </message>
        <message>
            <source>The CA file %1 could not be read or holds no PEM certificate.</source>
            <translation>Die CA-Datei %1 konnte nicht gelesen werden oder enthält kein PEM-Zertifikat.</translation>
        </message>
        <message>
            <source>"%1" is not a Prometheus URL; use http:// or https:// with a host, e.g. http://127.0.0.1:9090.</source>
            <translation>„%1“ ist keine Prometheus-URL; verwenden Sie http:// oder https:// mit einem Host, z. B. http://127.0.0.1:9090.</translation>
        </message>
        <message>
            <source>Prometheus at %1 sent more than %2 MiB; narrow the query (fewer series, a larger step or a shorter range).</source>
            <translation>Prometheus unter %1 hat mehr als %2 MiB gesendet; schränken Sie die Abfrage ein (weniger Serien, eine größere Schrittweite oder einen kürzeren Zeitraum).</translation>
        </message>
        <message>
            <source>Prometheus at %1 did not answer within %2 s; it may be overloaded, or the query too expensive.</source>
            <translation>Prometheus unter %1 hat nicht innerhalb von %2 s geantwortet; möglicherweise ist es überlastet oder die Abfrage zu aufwendig.</translation>
        </message>
        <message>
            <source>The TLS certificate of Prometheus at %1 was not accepted: %2. Add its CA file if it is a private CA.</source>
            <translation>Das TLS-Zertifikat von Prometheus unter %1 wurde nicht akzeptiert: %2. Fügen Sie seine CA-Datei hinzu, wenn es sich um eine private CA handelt.</translation>
        </message>
        <message>
            <source>Prometheus at %1 is unreachable (%2). Check that it runs and that the URL is right.</source>
            <translation>Prometheus unter %1 ist nicht erreichbar (%2). Prüfen Sie, ob es läuft und ob die URL stimmt.</translation>
        </message>
        <message>
            <source>Prometheus at %1 answered HTTP %2 without an explanation; check that the URL points at the Prometheus server.</source>
            <translation>Prometheus unter %1 hat mit HTTP %2 ohne Erklärung geantwortet; prüfen Sie, ob die URL auf den Prometheus-Server zeigt.</translation>
        </message>
        <message>
            <source>Prometheus at %1 sent an answer that is not valid JSON (at byte %2).</source>
            <translation>Prometheus unter %1 hat eine Antwort gesendet, die kein gültiges JSON ist (bei Byte %2).</translation>
        </message>
        <message>
            <source>no "status" field</source>
            <translation>kein Feld "status"</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>kein Grund angegeben</translation>
        </message>
        <message>
            <source>Prometheus at %1 rejected the query: %2</source>
            <translation>Prometheus unter %1 hat die Abfrage abgelehnt: %2</translation>
        </message>
        <message>
            <source>Prometheus at %1 could not answer the query: %2 (%3)</source>
            <translation>Prometheus unter %1 konnte die Abfrage nicht beantworten: %2 (%3)</translation>
        </message>
        <message>
            <source>status "%1"</source>
            <translation>Status „%1“</translation>
        </message>
        <message>
            <source>no "data" object</source>
            <translation>kein Objekt "data"</translation>
        </message>
        <message>
            <source>no "data.resultType"</source>
            <translation>kein "data.resultType"</translation>
        </message>
        <message>
            <source>no "data.result"</source>
            <translation>kein "data.result"</translation>
        </message>
        <message>
            <source>a %1 that is not [time, "value"]</source>
            <translation>%1 nicht im Format [time, "value"]</translation>
        </message>
        <message>
            <source>a scalar that is not a number</source>
            <translation>ein Skalar, der keine Zahl ist</translation>
        </message>
        <message>
            <source>resultType "%1"</source>
            <translation>resultType „%1“</translation>
        </message>
        <message>
            <source>"data.result" is not a list</source>
            <translation>"data.result" ist keine Liste</translation>
        </message>
        <message>
            <source>%1 is not an object</source>
            <translation>%1 ist kein Objekt</translation>
        </message>
        <message>
            <source>%1/metric is not a label map</source>
            <translation>%1/metric ist keine Label-Zuordnung</translation>
        </message>
        <message>
            <source>%1 is a native histogram, which the console does not read</source>
            <translation>%1 ist ein natives Histogramm, das die Konsole nicht liest</translation>
        </message>
        <message>
            <source>%1 has no "values" list</source>
            <translation>%1 hat keine Liste "values"</translation>
        </message>
        <message>
            <source>%1/values/%2 is not [time, "number"]</source>
            <translation>%1/values/%2 ist nicht [time, "number"]</translation>
        </message>
        <message>
            <source>%1/value is not [time, "number"]</source>
            <translation>%1/value ist nicht [time, "number"]</translation>
        </message>
    </context>
    <context>
        <name>ph::PromSloSource</name>
        <message>
            <source>Prometheus answered an instant query with a range.</source>
            <translation>Prometheus hat eine Instant-Abfrage mit einem Bereich beantwortet.</translation>
        </message>
        <message>
            <source>Prometheus %1</source>
            <translation>Prometheus %1</translation>
        </message>
        <message>
            <source>any target</source>
            <translation>beliebiges Ziel</translation>
        </message>
        <message>
            <source>no samples of %1 for %2 yet</source>
            <translation>noch keine Messwerte von %1 für %2</translation>
        </message>
        <message>
            <source>no requests in the last %1</source>
            <translation>keine Anfragen in den letzten %1</translation>
        </message>
        <message>
            <source>the request counts of %1 do not add up</source>
            <translation>die Anfragezahlen von %1 gehen nicht auf</translation>
        </message>
        <message>
            <source>no error budget for an availability target of %1</source>
            <translation>kein Fehlerbudget für ein Verfügbarkeitsziel von %1</translation>
        </message>
        <message>
            <source>no burn rate for an availability target of %1</source>
            <translation>keine Burn-Rate für ein Verfügbarkeitsziel von %1</translation>
        </message>
        <message>
            <source>no requests in the last 5m</source>
            <translation>keine Anfragen in den letzten 5m</translation>
        </message>
        <message>
            <source>Prometheus has no webhook metric for %1; the service's SLO endpoint reports it</source>
            <translation>Prometheus hat keine Webhook-Metrik für %1; der SLO-Endpunkt des Dienstes meldet sie</translation>
        </message>
    </context>
    <context>
        <name>ph::PrometheusParser</name>
        <message>
            <source>%1 line without a metric name.</source>
            <translation>%1-Zeile ohne Metriknamen.</translation>
        </message>
        <message>
            <source>%1 line: invalid metric name "%2".</source>
            <translation>%1-Zeile: ungültiger Metrikname „%2“.</translation>
        </message>
        <message>
            <source>%1 line: invalid character '%2' in metric name "%3".</source>
            <translation>%1-Zeile: ungültiges Zeichen '%2' im Metriknamen „%3“.</translation>
        </message>
        <message>
            <source>HELP line for "%1": invalid escape sequence "\%2"; only \\ and \n are allowed.</source>
            <translation>HELP-Zeile für „%1“: ungültige Escape-Sequenz „\%2“; erlaubt sind nur \\ und \n.</translation>
        </message>
        <message>
            <source>Second HELP line for "%1"; it is ignored.</source>
            <translation>Zweite HELP-Zeile für „%1“; sie wird ignoriert.</translation>
        </message>
        <message>
            <source>TYPE line for "%1" names no type.</source>
            <translation>TYPE-Zeile für „%1“ nennt keinen Typ.</translation>
        </message>
        <message>
            <source>TYPE line for "%1": unknown type "%2" (expected counter, gauge, histogram, summary or untyped).</source>
            <translation>TYPE-Zeile für „%1“: unbekannter Typ „%2“ (erwartet counter, gauge, histogram, summary oder untyped).</translation>
        </message>
        <message>
            <source>TYPE line for "%1": unexpected text "%2" after the type.</source>
            <translation>TYPE-Zeile für „%1“: unerwarteter Text „%2“ nach dem Typ.</translation>
        </message>
        <message>
            <source>Second TYPE line for "%1"; it is ignored.</source>
            <translation>Zweite TYPE-Zeile für „%1“; sie wird ignoriert.</translation>
        </message>
        <message>
            <source>TYPE line for "%1" comes after its samples; it is ignored.</source>
            <translation>TYPE-Zeile für „%1“ steht nach ihren Samples; sie wird ignoriert.</translation>
        </message>
        <message>
            <source>Labels of "%1" are not closed with '}'.</source>
            <translation>Die Labels von „%1“ werden nicht mit '}' geschlossen.</translation>
        </message>
        <message>
            <source>Invalid label name at "%1" in "%2".</source>
            <translation>Ungültiger Label-Name bei „%1“ in „%2“.</translation>
        </message>
        <message>
            <source>Expected '=' after label name "%1" in "%2".</source>
            <translation>'=' nach dem Label-Namen „%1“ in „%2“ erwartet.</translation>
        </message>
        <message>
            <source>The value of label "%1" in "%2" must be in double quotes.</source>
            <translation>Der Wert des Labels „%1“ in „%2“ muss in doppelten Anführungszeichen stehen.</translation>
        </message>
        <message>
            <source>Invalid escape sequence "\%1" in the value of label "%2" (only \\, \" and \n are allowed).</source>
            <translation>Ungültige Escape-Sequenz „\%1“ im Wert des Labels „%2“ (erlaubt sind nur \\, \" und \n).</translation>
        </message>
        <message>
            <source>The value of label "%1" in "%2" has no closing quote.</source>
            <translation>Dem Wert des Labels „%1“ in „%2“ fehlt das schließende Anführungszeichen.</translation>
        </message>
        <message>
            <source>Label "%1" appears twice in "%2".</source>
            <translation>Label „%1“ kommt in „%2“ doppelt vor.</translation>
        </message>
        <message>
            <source>The value of label "%1" in "%2" is not valid UTF-8.</source>
            <translation>Der Wert des Labels „%1“ in „%2“ ist kein gültiges UTF-8.</translation>
        </message>
        <message>
            <source>Expected ',' or '}' after the value of label "%1" in "%2".</source>
            <translation>',' oder '}' nach dem Wert des Labels „%1“ in „%2“ erwartet.</translation>
        </message>
        <message>
            <source>Expected a metric name, a comment or an empty line, found "%1".</source>
            <translation>Metrikname, Kommentar oder Leerzeile erwartet, gefunden „%1“.</translation>
        </message>
        <message>
            <source>Invalid character '%1' in metric name "%2".</source>
            <translation>Ungültiges Zeichen '%1' im Metriknamen „%2“.</translation>
        </message>
        <message>
            <source>Sample "%1" has no value.</source>
            <translation>Sample „%1“ hat keinen Wert.</translation>
        </message>
        <message>
            <source>Sample "%1" has an invalid value "%2" (expected a number, NaN, +Inf or -Inf).</source>
            <translation>Sample „%1“ hat einen ungültigen Wert „%2“ (erwartet Zahl, NaN, +Inf oder -Inf).</translation>
        </message>
        <message>
            <source>Sample "%1" has an invalid timestamp "%2" (expected integer milliseconds).</source>
            <translation>Sample „%1“ hat einen ungültigen Zeitstempel „%2“ (erwartet ganze Millisekunden).</translation>
        </message>
        <message>
            <source>Unexpected text "%1" after the timestamp of "%2".</source>
            <translation>Unerwarteter Text „%1“ nach dem Zeitstempel von „%2“.</translation>
        </message>
        <message>
            <source>"%1" is a histogram: its samples are %1_bucket, %1_sum and %1_count.</source>
            <translation>„%1“ ist ein Histogramm: seine Samples sind %1_bucket, %1_sum und %1_count.</translation>
        </message>
        <message>
            <source>Histogram bucket "%1" has no "le" label.</source>
            <translation>Histogramm-Bucket „%1“ hat kein Label „le“.</translation>
        </message>
        <message>
            <source>Summary sample "%1" has no "quantile" label.</source>
            <translation>Summary-Sample „%1“ hat kein Label „quantile“.</translation>
        </message>
        <message>
            <source>Label "%1" of "%2" must be a number, found "%3".</source>
            <translation>Label „%1“ von „%2“ muss eine Zahl sein, gefunden „%3“.</translation>
        </message>
        <message>
            <source>Histogram "%1"%2 has two buckets with le="%3".</source>
            <translation>Histogramm „%1“%2 hat zwei Buckets mit le="%3".</translation>
        </message>
        <message>
            <source>Histogram "%1"%2 has no le="+Inf" bucket.</source>
            <translation>Histogramm „%1“%2 hat keinen Bucket le="+Inf".</translation>
        </message>
    </context>
    <context>
        <name>ph::PrometheusProcess</name>
        <message>
            <source>Prometheus is already running; stop it first.</source>
            <translation>Prometheus läuft bereits; beenden Sie es zuerst.</translation>
        </message>
        <message>
            <source>Prometheus is not installed at %1. Install it with "%2" (then disable its system service), or point PILOTHOUSE_PROMETHEUS at the program.</source>
            <translation>Prometheus ist nicht unter %1 installiert. Installieren Sie es mit "%2" (und deaktivieren Sie anschließend seinen Systemdienst), oder lassen Sie PILOTHOUSE_PROMETHEUS auf das Programm zeigen.</translation>
        </message>
        <message>
            <source>Scrape job "%1" is empty, taken by Prometheus itself or named twice; give every job its own name.</source>
            <translation>Der Scrape-Job „%1“ ist leer, von Prometheus selbst belegt oder doppelt benannt; geben Sie jedem Job einen eigenen Namen.</translation>
        </message>
        <message>
            <source>No temporary directory could be made for Prometheus' data; check the free space in %1.</source>
            <translation>Für die Daten von Prometheus konnte kein temporäres Verzeichnis angelegt werden; prüfen Sie den freien Speicherplatz in %1.</translation>
        </message>
        <message>
            <source>No free port on 127.0.0.1 for Prometheus.</source>
            <translation>Kein freier Port auf 127.0.0.1 für Prometheus.</translation>
        </message>
        <message>
            <source>Prometheus' configuration could not be written to %1.</source>
            <translation>Die Konfiguration von Prometheus konnte nicht nach %1 geschrieben werden.</translation>
        </message>
        <message>
            <source>Prometheus at %1 could not be started.</source>
            <translation>Prometheus unter %1 konnte nicht gestartet werden.</translation>
        </message>
        <message>
            <source>Port %1 on 127.0.0.1 was taken by another program before Prometheus could use it.</source>
            <translation>Port %1 auf 127.0.0.1 wurde von einem anderen Programm belegt, bevor Prometheus ihn verwenden konnte.</translation>
        </message>
        <message>
            <source>Prometheus exited during start-up; its log says why.</source>
            <translation>Prometheus wurde beim Start beendet; sein Protokoll nennt den Grund.</translation>
        </message>
        <message>
            <source>Prometheus was not ready within %1 seconds.</source>
            <translation>Prometheus war nicht innerhalb von %1 Sekunden bereit.</translation>
        </message>
    </context>
    <context>
        <name>ph::Quantile</name>
        <message>
            <source>The histogram's buckets changed between two scrapes; the window starts again with the next scrape.</source>
            <translation>Die Buckets des Histogramms haben sich zwischen zwei Abfragen geändert; das Fenster beginnt mit der nächsten Abfrage neu.</translation>
        </message>
    </context>
    <context>
        <name>ph::QueueModel</name>
        <message>
            <source>no data yet</source>
            <translation>noch keine Daten</translation>
        </message>
        <message>
            <source>%1/min</source>
            <translation>%1/min</translation>
        </message>
        <message>
            <source>%1 %</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>waiting for the first answer</source>
            <translation>warten auf die erste Antwort</translation>
        </message>
        <message>
            <source>over a threshold</source>
            <translation>über einem Schwellenwert</translation>
        </message>
        <message>
            <source>near a threshold</source>
            <translation>nahe einem Schwellenwert</translation>
        </message>
        <message>
            <source>within thresholds</source>
            <translation>innerhalb der Schwellenwerte</translation>
        </message>
        <message>
            <source>normal below %1</source>
            <translation>normal unter %1</translation>
        </message>
        <message>
            <source>normal above %1/min</source>
            <translation>normal über %1/min</translation>
        </message>
        <message>
            <source>normal below %1 %</source>
            <translation>normal unter %1 %</translation>
        </message>
        <message>
            <source>normal: none</source>
            <translation>normal: keine</translation>
        </message>
        <message>
            <source>%1 — %2
Source: %3, %4%5</source>
            <translation>%1 — %2
Quelle: %3, %4%5</translation>
        </message>
        <message>
            <source>
Not current: %1</source>
            <translation>
Nicht aktuell: %1</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>Depth (&lt; %1)</source>
            <translation>Tiefe (&lt; %1)</translation>
        </message>
        <message>
            <source>Rate (&gt; %1/min)</source>
            <translation>Rate (&gt; %1/min)</translation>
        </message>
        <message>
            <source>Failed (&lt; %1 %)</source>
            <translation>Fehlgeschlagen (&lt; %1 %)</translation>
        </message>
        <message>
            <source>Stuck</source>
            <translation>Hängend</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <source>Data age</source>
            <translation>Datenalter</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
    </context>
    <context>
        <name>ph::QueuePanel</name>
        <message>
            <source>Clear stuck jobs of %1…</source>
            <translation>Hängende Jobs von %1 entfernen…</translation>
        </message>
        <message>
            <source>Not connected to the console.</source>
            <translation>Nicht mit der Konsole verbunden.</translation>
        </message>
        <message>
            <source>clearing stuck jobs removes them from the queue; they are not retried</source>
            <translation>das Entfernen hängender Jobs löscht sie aus der Warteschlange; sie werden nicht erneut versucht</translation>
        </message>
        <message>
            <source>Clear stuck jobs</source>
            <translation>Hängende Jobs entfernen</translation>
        </message>
        <message>
            <source>Clearing the stuck jobs of %1…</source>
            <translation>Hängende Jobs von %1 werden entfernt…</translation>
        </message>
        <message numerus="yes">
            <source>%1: cleared %n stuck job(s).</source>
            <translation><numerusform>%1: %n hängender Job entfernt.</numerusform><numerusform>%1: %n hängende Jobs entfernt.</numerusform></translation>
        </message>
        <message>
            <source>%1: clearing stuck jobs failed: %2</source>
            <translation>%1: Entfernen hängender Jobs fehlgeschlagen: %2</translation>
        </message>
        <message>
            <source>Jobs waiting</source>
            <translation>Wartende Jobs</translation>
        </message>
        <message>
            <source>Queue depth this session</source>
            <translation>Warteschlangentiefe in dieser Sitzung</translation>
        </message>
        <message>
            <source>Limit (%1)</source>
            <translation>Grenzwert (%1)</translation>
        </message>
        <message>
            <source>No service here has a queue endpoint.</source>
            <translation>Kein Dienst hier hat einen Warteschlangen-Endpunkt.</translation>
        </message>
        <message numerus="yes">
            <source>%n queue(s)</source>
            <translation><numerusform>%n Warteschlange</numerusform><numerusform>%n Warteschlangen</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n over a threshold</source>
            <translation><numerusform>%n über einem Schwellenwert</numerusform><numerusform>%n über einem Schwellenwert</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n without current figures</source>
            <translation><numerusform>%n ohne aktuelle Werte</numerusform><numerusform>%n ohne aktuelle Werte</numerusform></translation>
        </message>
    </context>
    <context>
        <name>ph::ReasonDialog</name>
        <message>
            <source>Accept (Ctrl+Enter)</source>
            <translation>Übernehmen (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Write something first: an empty text is not accepted.</source>
            <translation>Schreiben Sie zuerst etwas: Ein leerer Text wird nicht akzeptiert.</translation>
        </message>
    </context>
    <context>
        <name>ph::RemoteView</name>
        <message>
            <source>&amp;Run</source>
            <translation>&amp;Ausführen</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>Ab&amp;brechen</translation>
        </message>
        <message>
            <source>&amp;Save output…</source>
            <translation>Ausgabe &amp;speichern…</translation>
        </message>
        <message>
            <source>Retry &amp;failed hosts</source>
            <translation>Bei &amp;fehlgeschlagenen Hosts wiederholen</translation>
        </message>
        <message>
            <source>Save the output of %1</source>
            <translation>Ausgabe von %1 speichern</translation>
        </message>
        <message>
            <source>Text files (*.txt);;All files (*)</source>
            <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Saved the output to %1.</source>
            <translation>Ausgabe in %1 gespeichert.</translation>
        </message>
        <message>
            <source>Stop the running commands; the processes on the hosts end too</source>
            <translation>Laufende Befehle anhalten; die Prozesse auf den Hosts werden ebenfalls beendet</translation>
        </message>
        <message>
            <source>Write the whole output of the current tab to a file</source>
            <translation>Die gesamte Ausgabe des aktuellen Tabs in eine Datei schreiben</translation>
        </message>
        <message>
            <source>Choose a host or a group on the left, type a command and press Enter. Each host's output gets its own tab here.</source>
            <translation>Wählen Sie links einen Host oder eine Gruppe, geben Sie einen Befehl ein und drücken Sie Enter. Die Ausgabe jedes Hosts erhält hier einen eigenen Tab.</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Ausgabe</translation>
        </message>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Ausgang</translation>
        </message>
        <message>
            <source>Exit status</source>
            <translation>Exit-Status</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Grund</translation>
        </message>
        <message>
            <source>Run the command again on every host that did not end with exit 0</source>
            <translation>Den Befehl erneut auf jedem Host ausführen, der nicht mit Exit 0 endete</translation>
        </message>
        <message>
            <source>Authentication cancelled: nothing was stored, and the command did not run.</source>
            <translation>Authentifizierung abgebrochen: Es wurde nichts gespeichert, und der Befehl wurde nicht ausgeführt.</translation>
        </message>
        <message>
            <source>Not recorded in the audit log: %1</source>
            <translation>Nicht im Audit-Protokoll erfasst: %1</translation>
        </message>
        <message>
            <source>%1 — PRODUCTION</source>
            <translation>%1 — PRODUKTION</translation>
        </message>
        <message>
            <source>No target: choose a host or a group.</source>
            <translation>Kein Ziel: Wählen Sie einen Host oder eine Gruppe.</translation>
        </message>
        <message>
            <source>Target: host %1 (%2)</source>
            <translation>Ziel: Host %1 (%2)</translation>
        </message>
        <message>
            <source>Target: group %1 (%2) — all %3 hosts at once</source>
            <translation>Ziel: Gruppe %1 (%2) — alle %3 Hosts gleichzeitig</translation>
        </message>
        <message>
            <source>needs confirmation</source>
            <translation>erfordert Bestätigung</translation>
        </message>
        <message>
            <source>Destructive: %1</source>
            <translation>Zerstörerisch: %1</translation>
        </message>
        <message>
            <source>Needs confirmation: %1</source>
            <translation>Erfordert Bestätigung: %1</translation>
        </message>
        <message>
            <source>Choose a host or a group on the left first.</source>
            <translation>Wählen Sie zuerst links einen Host oder eine Gruppe.</translation>
        </message>
        <message>
            <source>%1 has no hosts in the workspace.</source>
            <translation>%1 hat keine Hosts im Arbeitsbereich.</translation>
        </message>
        <message>
            <source>the last group command</source>
            <translation>der letzte Gruppenbefehl</translation>
        </message>
        <message>
            <source>Still running on %1: wait for it or cancel it first.</source>
            <translation>Läuft noch auf %1: Warten Sie das Ende ab oder brechen Sie den Befehl zuerst ab.</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Ausführen</translation>
        </message>
        <message>
            <source>Not run: the confirmation was cancelled.</source>
            <translation>Nicht ausgeführt: Die Bestätigung wurde abgebrochen.</translation>
        </message>
        <message>
            <source>Runs on a terminal because the login is root, so Cancel can end it; errors appear with the output.</source>
            <translation>Läuft in einem Terminal, weil die Anmeldung als root erfolgt, sodass Abbrechen den Befehl beenden kann; Fehler erscheinen in der Ausgabe.</translation>
        </message>
        <message>
            <source>%1 logs in with a secret from the keychain, and no keychain is available.</source>
            <translation>%1 meldet sich mit einem Geheimnis aus dem Schlüsselbund an, und es ist kein Schlüsselbund verfügbar.</translation>
        </message>
        <message>
            <source>Could not read %1 from the keychain for %2: %3</source>
            <translation>%1 konnte für %2 nicht aus dem Schlüsselbund gelesen werden: %3</translation>
        </message>
        <message>
            <source>Outcome: %1</source>
            <translation>Ausgang: %1</translation>
        </message>
        <message>
            <source>Not run: %1</source>
            <translation>Nicht ausgeführt: %1</translation>
        </message>
        <message>
            <source>Open %1 in browser</source>
            <translation>%1 im Browser öffnen</translation>
        </message>
        <message>
            <source>Through an SSH tunnel via %1</source>
            <translation>Durch einen SSH-Tunnel über %1</translation>
        </message>
        <message>
            <source>No services are reached through %1</source>
            <translation>Über %1 werden keine Dienste erreicht</translation>
        </message>
        <message>
            <source>Runs on a terminal because a login of the group is root, so Cancel can end it; errors appear with the output.</source>
            <translation>Läuft in einem Terminal, weil sich ein Host der Gruppe als root anmeldet, sodass Abbrechen den Befehl beenden kann; Fehler erscheinen in der Ausgabe.</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>The output of %1 could not be kept for saving (no temporary file).</source>
            <translation>Die Ausgabe von %1 konnte nicht zum Speichern vorgehalten werden (keine temporäre Datei).</translation>
        </message>
    </context>
    <context>
        <name>ph::RunHistoryModel</name>
        <message>
            <source>abandoned %1</source>
            <translation>aufgegeben %1</translation>
        </message>
        <message>
            <source>unfinished</source>
            <translation>unvollendet</translation>
        </message>
        <message>
            <source>%1 passed</source>
            <translation>%1 bestanden</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>%1 fehlgeschlagen</translation>
        </message>
        <message>
            <source>%1 skipped</source>
            <translation>%1 übersprungen</translation>
        </message>
        <message>
            <source>%1 by hand</source>
            <translation>%1 manuell</translation>
        </message>
        <message>
            <source>%1 open</source>
            <translation>%1 offen</translation>
        </message>
        <message>
            <source>%1 (of %2)</source>
            <translation>%1 (von %2)</translation>
        </message>
        <message>
            <source>Runbook</source>
            <translation>Runbook</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>Umgebung</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Begonnen</translation>
        </message>
        <message>
            <source>Finished</source>
            <translation>Beendet</translation>
        </message>
        <message>
            <source>Signed off by</source>
            <translation>Abgezeichnet von</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Ausgang</translation>
        </message>
    </context>
    <context>
        <name>ph::RunParametersDialog</name>
        <message>
            <source>Start “%1”</source>
            <translation>„%1“ starten</translation>
        </message>
        <message>
            <source>This runbook needs these values once for the whole run. For a secret, give the name of its keychain entry: the value itself stays in the keychain.</source>
            <translation>Dieses Runbook benötigt diese Werte einmal für den gesamten Durchlauf. Geben Sie bei einem Geheimnis den Namen seines Schlüsselbund-Eintrags an: Der Wert selbst bleibt im Schlüsselbund.</translation>
        </message>
        <message>
            <source>keychain entry name</source>
            <translation>Name des Schlüsselbund-Eintrags</translation>
        </message>
        <message>
            <source>%1 (secret)</source>
            <translation>%1 (Geheimnis)</translation>
        </message>
        <message>
            <source>Start run</source>
            <translation>Durchlauf starten</translation>
        </message>
        <message>
            <source>Still needed: %1</source>
            <translation>Noch erforderlich: %1</translation>
        </message>
    </context>
    <context>
        <name>ph::RunReport</name>
        <message>
            <source>Not done</source>
            <translation>Nicht erledigt</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>Läuft</translation>
        </message>
        <message>
            <source>Passed</source>
            <translation>Bestanden</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Übersprungen</translation>
        </message>
        <message>
            <source>Done by hand</source>
            <translation>Von Hand erledigt</translation>
        </message>
        <message>
            <source>Interrupted</source>
            <translation>Unterbrochen</translation>
        </message>
        <message>
            <source>exit status %1</source>
            <translation>Exit-Status %1</translation>
        </message>
        <message>
            <source>HTTP %1</source>
            <translation>HTTP %1</translation>
        </message>
        <message>
            <source>%1 bytes of output, SHA-256 %2</source>
            <translation>%1 Byte Ausgabe, SHA-256 %2</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <source>Hosts</source>
            <translation>Hosts</translation>
        </message>
        <message>
            <source>%1 bytes, SHA-256 %2</source>
            <translation>%1 Bytes, SHA-256 %2</translation>
        </message>
        <message>
            <source>passed</source>
            <translation>bestanden</translation>
        </message>
        <message>
            <source>not passed</source>
            <translation>nicht bestanden</translation>
        </message>
        <message>
            <source>Checklist run: %1</source>
            <translation>Checklisten-Lauf: %1</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Lauf</translation>
        </message>
        <message>
            <source>Runbook</source>
            <translation>Runbook</translation>
        </message>
        <message>
            <source>Runbook content (SHA-256)</source>
            <translation>Runbook-Inhalt (SHA-256)</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>Umgebung</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Begonnen</translation>
        </message>
        <message>
            <source>Finished</source>
            <translation>Beendet</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Dauer</translation>
        </message>
        <message>
            <source>Signed off</source>
            <translation>Abgezeichnet</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>%1 um %2</translation>
        </message>
        <message>
            <source>not signed off</source>
            <translation>nicht abgezeichnet</translation>
        </message>
        <message>
            <source>Audit chain head</source>
            <translation>Kopf der Audit-Kette</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>Parameter</translation>
        </message>
        <message>
            <source>secret, from keychain entry `%1`</source>
            <translation>geheim, aus Schlüsselbund-Eintrag `%1`</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Zusammenfassung</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Schritte</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Ausgang</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Schritt</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Befehl</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>beendet</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <source>Notes:</source>
            <translation>Notizen:</translation>
        </message>
        <message>
            <source>Earlier attempt %1: %2, %3 to %4</source>
            <translation>Früherer Versuch %1: %2, %3 bis %4</translation>
        </message>
    </context>
    <context>
        <name>ph::RunReportPdf</name>
        <message>
            <source>The PDF report cannot be written to %1. Choose another folder.</source>
            <translation>Der PDF-Bericht kann nicht nach %1 geschrieben werden. Wählen Sie einen anderen Ordner.</translation>
        </message>
        <message>
            <source>%1 — run %2</source>
            <translation>%1 — Durchlauf %2</translation>
        </message>
        <message>
            <source>The PDF report at %1 came out empty. Check the free space and try again.</source>
            <translation>Der PDF-Bericht in %1 ist leer. Prüfen Sie den freien Speicherplatz und versuchen Sie es erneut.</translation>
        </message>
    </context>
    <context>
        <name>ph::RunStore</name>
        <message>
            <source>The stored run %1 cannot be read back. It was left as it is in the database; start a new run.</source>
            <translation>Der gespeicherte Lauf %1 lässt sich nicht zurücklesen. Er bleibt unverändert in der Datenbank; starten Sie einen neuen Lauf.</translation>
        </message>
        <message>
            <source>There is no stored run %1. It may have been removed.</source>
            <translation>Es gibt keinen gespeicherten Lauf %1. Vielleicht wurde er entfernt.</translation>
        </message>
        <message>
            <source>Pilothouse stopped while this step was running; its outcome is unknown.</source>
            <translation>Pilothouse wurde beendet, während dieser Schritt lief; sein Ausgang ist unbekannt.</translation>
        </message>
        <message>
            <source>Run %1 was signed off and cannot be abandoned.</source>
            <translation>Durchlauf %1 wurde abgezeichnet und kann nicht aufgegeben werden.</translation>
        </message>
    </context>
    <context>
        <name>ph::RunbookCatalog</name>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>The runbook folder %1 does not exist or is not a folder; check runbook_folders in the workspace.</source>
            <translation>Der Runbook-Ordner %1 existiert nicht oder ist kein Ordner; prüfen Sie runbook_folders im Arbeitsbereich.</translation>
        </message>
        <message>
            <source>The runbook folder %1 holds more than %2 Markdown files; only the first %2 are listed.</source>
            <translation>Der Runbook-Ordner %1 enthält mehr als %2 Markdown-Dateien; nur die ersten %2 werden aufgeführt.</translation>
        </message>
    </context>
    <context>
        <name>ph::RunbooksModel</name>
        <message>
            <source>Upcoming</source>
            <translation>Anstehend</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Fällig</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>Überfällig</translation>
        </message>
        <message>
            <source>Done this period</source>
            <translation>In diesem Zeitraum erledigt</translation>
        </message>
        <message>
            <source>on demand</source>
            <translation>bei Bedarf</translation>
        </message>
        <message>
            <source>Schedule not understood</source>
            <translation>Zeitplan nicht verstanden</translation>
        </message>
        <message>
            <source>Runbook</source>
            <translation>Runbook</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>Zeitplan</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>This period</source>
            <translation>Dieser Zeitraum</translation>
        </message>
        <message>
            <source>Last signed off</source>
            <translation>Zuletzt abgezeichnet</translation>
        </message>
    </context>
    <context>
        <name>ph::RunbooksView</name>
        <message>
            <source>&amp;Resume</source>
            <translation>&amp;Fortsetzen</translation>
        </message>
        <message>
            <source>&amp;Discard</source>
            <translation>&amp;Verwerfen</translation>
        </message>
        <message>
            <source>&amp;Start run…</source>
            <translation>Durchlauf &amp;starten…</translation>
        </message>
        <message>
            <source>&amp;Open run</source>
            <translation>&amp;Durchlauf öffnen</translation>
        </message>
        <message>
            <source>Running steps from the console is not available yet: the audit log's key is still being read from the keychain. Run the command in a terminal, then mark the step done (Ctrl+D) and add its output as a note (Ctrl+N).</source>
            <translation>Schritte aus der Konsole auszuführen ist noch nicht möglich: Der Schlüssel des Audit-Protokolls wird noch aus dem Schlüsselbund gelesen. Führen Sie den Befehl in einem Terminal aus, markieren Sie den Schritt dann als erledigt (Ctrl+D) und fügen Sie seine Ausgabe als Notiz hinzu (Ctrl+N).</translation>
        </message>
        <message>
            <source>Give up this run: it stays in the History as abandoned, with what was done.</source>
            <translation>Diesen Durchlauf aufgeben: Er bleibt im Verlauf als aufgegeben erhalten, mit dem, was erledigt wurde.</translation>
        </message>
        <message>
            <source>Start a run of the selected runbook (Enter)</source>
            <translation>Einen Durchlauf des ausgewählten Runbooks starten (Enter)</translation>
        </message>
        <message>
            <source>Open the selected run read-only (Enter)</source>
            <translation>Den ausgewählten Durchlauf schreibgeschützt öffnen (Enter)</translation>
        </message>
        <message>
            <source>Runbooks</source>
            <translation>Runbooks</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Some runbooks could not be read:
%1</source>
            <translation>Einige Runbooks konnten nicht gelesen werden:
%1</translation>
        </message>
        <message>
            <source>Runbook overdue: %1</source>
            <translation>Runbook überfällig: %1</translation>
        </message>
        <message>
            <source>Runbook due: %1</source>
            <translation>Runbook fällig: %1</translation>
        </message>
        <message>
            <source>Scheduled %1 (%2). Open Runbooks to start the checklist.</source>
            <translation>Geplant: %1 (%2). Öffnen Sie Runbooks, um die Checkliste zu starten.</translation>
        </message>
        <message>
            <source>%1 (%2) was interrupted at step %3 of %4, started %5.</source>
            <translation>%1 (%2) wurde bei Schritt %3 von %4 unterbrochen, gestartet %5.</translation>
        </message>
        <message numerus="yes">
            <source>%n more unfinished run(s) are in the History.</source>
            <translation><numerusform>%n weiterer unvollendeter Durchlauf ist im Verlauf.</numerusform><numerusform>%n weitere unvollendete Durchläufe sind im Verlauf.</numerusform></translation>
        </message>
        <message>
            <source>Runs cannot be recorded: the local database is not open.</source>
            <translation>Durchläufe können nicht erfasst werden: Die lokale Datenbank ist nicht geöffnet.</translation>
        </message>
        <message>
            <source>“%1” has no steps to walk. Check the file: %2</source>
            <translation>„%1“ hat keine Schritte zum Abarbeiten. Prüfen Sie die Datei: %2</translation>
        </message>
        <message>
            <source>The local database is not open.</source>
            <translation>Die lokale Datenbank ist nicht geöffnet.</translation>
        </message>
    </context>
    <context>
        <name>ph::Schedule</name>
        <message>
            <source>Write it like “daily 08:00 UTC”, “weekly sun 03:00 UTC”, “monthly first-monday 09:00 local” or “biweekly sat 02:00-06:00 UTC anchor=workspace”.</source>
            <translation>Schreiben Sie ihn etwa als „daily 08:00 UTC“, „weekly sun 03:00 UTC“, „monthly first-monday 09:00 local“ oder „biweekly sat 02:00-06:00 UTC anchor=workspace“.</translation>
        </message>
        <message>
            <source>The schedule is empty. </source>
            <translation>Der Zeitplan ist leer. </translation>
        </message>
        <message>
            <source>The schedule “%1” needs a weekday after “%2” (mon, tue, … sun). </source>
            <translation>Der Zeitplan „%1“ braucht nach „%2“ einen Wochentag (mon, tue, … sun). </translation>
        </message>
        <message>
            <source>The schedule “%1” needs the day of the month as “first-monday”, “second-tuesday” … “fourth-…” or “last-friday”. </source>
            <translation>Der Zeitplan „%1“ braucht den Tag im Monat als „first-monday“, „second-tuesday“ … „fourth-…“ oder „last-friday“. </translation>
        </message>
        <message>
            <source>The schedule “%1” does not start with daily, weekly, biweekly or monthly. </source>
            <translation>Der Zeitplan „%1“ beginnt nicht mit daily, weekly, biweekly oder monthly. </translation>
        </message>
        <message>
            <source>The schedule “%1” has more than one time of day.</source>
            <translation>Der Zeitplan „%1“ hat mehr als eine Uhrzeit.</translation>
        </message>
        <message>
            <source>“%1” in the schedule “%2” is not a time of day (00:00 to 23:59).</source>
            <translation>„%1“ im Zeitplan „%2“ ist keine Uhrzeit (00:00 bis 23:59).</translation>
        </message>
        <message>
            <source>The window “%1” in the schedule “%2” must end at another time of day than it starts.</source>
            <translation>Das Fenster „%1“ im Zeitplan „%2“ muss zu einer anderen Uhrzeit enden, als es beginnt.</translation>
        </message>
        <message>
            <source>“%1” in the schedule “%2” is not a date; write the anchor as YYYY-MM-DD or anchor=workspace.</source>
            <translation>„%1“ im Zeitplan „%2“ ist kein Datum; schreiben Sie den Anker als JJJJ-MM-TT oder anchor=workspace.</translation>
        </message>
        <message>
            <source>The schedule “%1” has an unexpected word “%2”.</source>
            <translation>Der Zeitplan „%1“ enthält ein unerwartetes Wort „%2“.</translation>
        </message>
        <message>
            <source>“%1” in the schedule “%2” is not a time zone. Use UTC, local or an IANA name such as Europe/Berlin.</source>
            <translation>„%1“ im Zeitplan „%2“ ist keine Zeitzone. Verwenden Sie UTC, local oder einen IANA-Namen wie Europe/Berlin.</translation>
        </message>
        <message>
            <source>The schedule “%1” has no time of day. </source>
            <translation>Der Zeitplan „%1“ hat keine Uhrzeit. </translation>
        </message>
        <message>
            <source>The schedule “%1” uses the local time zone, but the environment has none set. Write the zone, e.g. UTC.</source>
            <translation>Der Zeitplan „%1“ verwendet die lokale Zeitzone, aber für die Umgebung ist keine gesetzt. Geben Sie die Zone an, z. B. UTC.</translation>
        </message>
        <message>
            <source>The schedule “%1” counts every other week from the workspace's maintenance anchor, but the workspace sets no maintenance_anchor. Add one (an ISO date) to the workspace.</source>
            <translation>Der Zeitplan „%1“ zählt jede zweite Woche ab dem Wartungsanker des Arbeitsbereichs, aber der Arbeitsbereich setzt keinen maintenance_anchor. Fügen Sie einen hinzu (ein ISO-Datum).</translation>
        </message>
        <message>
            <source>The schedule “%1” runs every other week and needs a first date to count from: add anchor=YYYY-MM-DD or anchor=workspace.</source>
            <translation>Der Zeitplan „%1“ läuft jede zweite Woche und braucht ein Startdatum zum Zählen: Fügen Sie anchor=JJJJ-MM-TT oder anchor=workspace hinzu.</translation>
        </message>
        <message>
            <source>The anchor %1 of the schedule “%2” is not a %3. Choose an anchor on the scheduled weekday.</source>
            <translation>Der Anker %1 des Zeitplans „%2“ ist kein %3. Wählen Sie einen Anker am geplanten Wochentag.</translation>
        </message>
        <message>
            <source>The schedule “%1” has an anchor, which only biweekly schedules use.</source>
            <translation>Der Zeitplan „%1“ hat einen Anker, den nur zweiwöchentliche Zeitpläne verwenden.</translation>
        </message>
    </context>
    <context>
        <name>ph::SecretInputDialog</name>
        <message>
            <source>Set credential</source>
            <translation>Zugangsdaten setzen</translation>
        </message>
        <message>
            <source>Rotate credential</source>
            <translation>Zugangsdaten rotieren</translation>
        </message>
        <message>
            <source>Enter the value to store in the keychain as "%1".</source>
            <translation>Geben Sie den Wert ein, der als „%1“ im Schlüsselbund gespeichert wird.</translation>
        </message>
        <message>
            <source>Enter the new value for "%1". The current value is replaced in the keychain and cannot be recovered afterwards.</source>
            <translation>Geben Sie den neuen Wert für „%1“ ein. Der aktuelle Wert wird im Schlüsselbund ersetzt und lässt sich danach nicht wiederherstellen.</translation>
        </message>
        <message>
            <source>Used by: %1</source>
            <translation>Verwendet von: %1</translation>
        </message>
        <message>
            <source>&amp;Value:</source>
            <translation>&amp;Wert:</translation>
        </message>
        <message>
            <source>&amp;New value:</source>
            <translation>&amp;Neuer Wert:</translation>
        </message>
        <message>
            <source>&amp;Repeat:</source>
            <translation>Wieder&amp;holen:</translation>
        </message>
        <message>
            <source>&amp;Store</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>&amp;Replace</source>
            <translation>&amp;Ersetzen</translation>
        </message>
        <message>
            <source>Enter a value: an empty credential cannot be stored.</source>
            <translation>Geben Sie einen Wert ein: Leere Zugangsdaten lassen sich nicht speichern.</translation>
        </message>
        <message>
            <source>Enter the value a second time to make sure it has no typo.</source>
            <translation>Geben Sie den Wert ein zweites Mal ein, um Tippfehler auszuschließen.</translation>
        </message>
        <message>
            <source>The two values differ. Type them again.</source>
            <translation>Die beiden Werte unterscheiden sich. Geben Sie sie erneut ein.</translation>
        </message>
    </context>
    <context>
        <name>ph::SecretPrompt</name>
        <message>
            <source>Authentication to %1 cancelled: nothing was stored, and the action did not run.</source>
            <translation>Anmeldung bei %1 abgebrochen: Es wurde nichts gespeichert, und die Aktion wurde nicht ausgeführt.</translation>
        </message>
        <message>
            <source>Could not save %1 in the keychain: %2</source>
            <translation>%1 konnte nicht im Schlüsselbund gespeichert werden: %2</translation>
        </message>
    </context>
    <context>
        <name>ph::SecretStore</name>
        <message numerus="yes">
            <source>The keychain did not answer within %n second(s). It may be waiting to be unlocked: unlock it and try again.</source>
            <translation><numerusform>Der Schlüsselbund hat nicht innerhalb von %n Sekunde geantwortet. Vielleicht wartet er auf das Entsperren: Entsperren Sie ihn und versuchen Sie es erneut.</numerusform><numerusform>Der Schlüsselbund hat nicht innerhalb von %n Sekunden geantwortet. Vielleicht wartet er auf das Entsperren: Entsperren Sie ihn und versuchen Sie es erneut.</numerusform></translation>
        </message>
        <message>
            <source>No secret is stored in the keychain under "%1". Set it in the workspace's credentials.</source>
            <translation>Im Schlüsselbund ist unter „%1“ kein Geheimnis gespeichert. Setzen Sie es in den Zugangsdaten des Arbeitsbereichs.</translation>
        </message>
        <message>
            <source>The keychain refused access to "%1": it is locked or access was denied. Unlock it (GNOME Keyring, KeePassXC or KWallet), allow Pilothouse, and try again.</source>
            <translation>Der Schlüsselbund hat den Zugriff auf „%1“ verweigert: Er ist gesperrt oder der Zugriff wurde abgelehnt. Entsperren Sie ihn (GNOME Keyring, KeePassXC oder KWallet), erlauben Sie Pilothouse den Zugriff und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>No keychain service is available: start a Secret Service provider (GNOME Keyring, KeePassXC) or KWallet and unlock it. Pilothouse never stores secrets in plain files.</source>
            <translation>Kein Schlüsselbund-Dienst verfügbar: Starten Sie einen Secret-Service-Anbieter (GNOME Keyring, KeePassXC) oder KWallet und entsperren Sie ihn. Pilothouse speichert Geheimnisse nie in einfachen Dateien.</translation>
        </message>
        <message>
            <source>The keychain kept the old value of "%1". Check the keychain for a duplicate entry and try again.</source>
            <translation>Der Schlüsselbund hat den alten Wert von „%1“ behalten. Suchen Sie im Schlüsselbund nach einem doppelten Eintrag und versuchen Sie es erneut.</translation>
        </message>
    </context>
    <context>
        <name>ph::SimControlServer</name>
        <message>
            <source>No simulated service is called "%1"; use "*" or one of: %2.</source>
            <translation>Kein simulierter Dienst heißt „%1“; verwenden Sie „*“ oder einen von: %2.</translation>
        </message>
        <message>
            <source>Send a JSON object such as {"service":"echopilot","status":"degraded"}.</source>
            <translation>Senden Sie ein JSON-Objekt wie {"service":"echopilot","status":"degraded"}.</translation>
        </message>
        <message>
            <source>The simulator could not listen on 127.0.0.1 for its control endpoint.</source>
            <translation>Der Simulator konnte für seinen Steuerungsendpunkt nicht auf 127.0.0.1 lauschen.</translation>
        </message>
    </context>
    <context>
        <name>ph::SimulatedService</name>
        <message>
            <source>The simulator could not listen on 127.0.0.1 for %1.</source>
            <translation>Der Simulator konnte für %1 nicht auf 127.0.0.1 lauschen.</translation>
        </message>
        <message>
            <source>No such endpoint.</source>
            <translation>Diesen Endpunkt gibt es nicht.</translation>
        </message>
        <message>
            <source>Injected fault: status %1.</source>
            <translation>Eingespeister Fehler: Status %1.</translation>
        </message>
        <message>
            <source>Missing or wrong X-Dash-Key header.</source>
            <translation>X-Dash-Key-Header fehlt oder ist falsch.</translation>
        </message>
    </context>
    <context>
        <name>ph::Simulator</name>
        <message>
            <source>No simulated service is called "%1"; use one of: %2.</source>
            <translation>Kein simulierter Dienst heißt „%1“; verwenden Sie einen von: %2.</translation>
        </message>
        <message>
            <source>Health must be "ok", "degraded" or "down", not "%1".</source>
            <translation>Der Zustand muss „ok“, „degraded“ oder „down“ sein, nicht „%1“.</translation>
        </message>
        <message>
            <source>Could not tie the simulator to its parent process.</source>
            <translation>Konnte den Simulator nicht an seinen Elternprozess binden.</translation>
        </message>
        <message>
            <source>The process that started the simulator is gone.</source>
            <translation>Der Prozess, der den Simulator gestartet hat, ist beendet.</translation>
        </message>
        <message>
            <source>--exit-with-parent is only supported on Linux.</source>
            <translation>--exit-with-parent wird nur unter Linux unterstützt.</translation>
        </message>
        <message>
            <source>days must be a whole number from 1 to 3650.</source>
            <translation>days muss eine ganze Zahl von 1 bis 3650 sein.</translation>
        </message>
        <message>
            <source>partner_id is required, e.g. PTR_001.</source>
            <translation>partner_id ist erforderlich, z. B. PTR_001.</translation>
        </message>
    </context>
    <context>
        <name>ph::SimulatorProcess</name>
        <message>
            <source>The simulator is already running; stop it first.</source>
            <translation>Der Simulator läuft bereits; beenden Sie ihn zuerst.</translation>
        </message>
        <message>
            <source>The simulator program was not found at %1. Build pilothouse-sim or point PILOTHOUSE_SIM at it.</source>
            <translation>Das Simulatorprogramm wurde unter %1 nicht gefunden. Bauen Sie pilothouse-sim oder lassen Sie PILOTHOUSE_SIM darauf zeigen.</translation>
        </message>
        <message>
            <source>The simulator at %1 could not be started.</source>
            <translation>Der Simulator unter %1 konnte nicht gestartet werden.</translation>
        </message>
        <message>
            <source>The simulator exited before it printed its ports; check its arguments.</source>
            <translation>Der Simulator wurde beendet, bevor er seine Ports ausgegeben hat; prüfen Sie seine Argumente.</translation>
        </message>
        <message>
            <source>The simulator printed no valid port map.</source>
            <translation>Der Simulator hat keine gültige Port-Zuordnung ausgegeben.</translation>
        </message>
        <message>
            <source>The simulator printed no port map within %1 seconds.</source>
            <translation>Der Simulator hat innerhalb von %1 Sekunden keine Port-Zuordnung ausgegeben.</translation>
        </message>
        <message>
            <source>The simulator is not running.</source>
            <translation>Der Simulator läuft nicht.</translation>
        </message>
        <message>
            <source>The simulator's control endpoint did not answer %1 %2.</source>
            <translation>Der Steuerungsendpunkt des Simulators hat auf %1 %2 nicht geantwortet.</translation>
        </message>
        <message>
            <source>The simulator's state was not a JSON object.</source>
            <translation>Der Zustand des Simulators war kein JSON-Objekt.</translation>
        </message>
    </context>
    <context>
        <name>ph::SloModel</name>
        <message>
            <source>Prometheus</source>
            <translation>Prometheus</translation>
        </message>
        <message>
            <source>no data yet</source>
            <translation>noch keine Daten</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>%1 % of %2 d</source>
            <translation>%1 % von %2 d</translation>
        </message>
        <message>
            <source>%1× fast burn — page</source>
            <translation>%1× schneller Burn — alarmieren</translation>
        </message>
        <message>
            <source>%1×</source>
            <translation>%1×</translation>
        </message>
        <message>
            <source>%1× slow burn</source>
            <translation>%1× langsamer Burn</translation>
        </message>
        <message>
            <source>waiting for the first answer</source>
            <translation>warten auf die erste Antwort</translation>
        </message>
        <message>
            <source>fast burn — page</source>
            <translation>schneller Burn — alarmieren</translation>
        </message>
        <message>
            <source>slow burn</source>
            <translation>langsamer Burn</translation>
        </message>
        <message>
            <source>breached</source>
            <translation>verletzt</translation>
        </message>
        <message>
            <source>met, budget running low</source>
            <translation>erfüllt, Budget wird knapp</translation>
        </message>
        <message>
            <source>met</source>
            <translation>erfüllt</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <source>burn rate over the window: %1×</source>
            <translation>Burn-Rate über das Fenster: %1×</translation>
        </message>
        <message>
            <source>multiples of the rate that spends the budget exactly over the window; 5 min %1×, 30 min %2×</source>
            <translation>Vielfache der Rate, die das Budget genau über das Fenster aufbraucht; 5 min %1×, 30 min %2×</translation>
        </message>
        <message>
            <source>target met</source>
            <translation>Ziel erfüllt</translation>
        </message>
        <message>
            <source>target breached</source>
            <translation>Ziel verletzt</translation>
        </message>
        <message>
            <source>%1 — %2
Source: %3, %4%5</source>
            <translation>%1 — %2
Quelle: %3, %4%5</translation>
        </message>
        <message>
            <source>
Not current: %1</source>
            <translation>
Nicht aktuell: %1</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Dienst</translation>
        </message>
        <message>
            <source>Availability (≥ %1 %)</source>
            <translation>Verfügbarkeit (≥ %1 %)</translation>
        </message>
        <message>
            <source>p95 (&lt; %1 ms)</source>
            <translation>p95 (&lt; %1 ms)</translation>
        </message>
        <message>
            <source>p99 (&lt; %1 ms)</source>
            <translation>p99 (&lt; %1 ms)</translation>
        </message>
        <message>
            <source>Webhook (≥ %1 %)</source>
            <translation>Webhook (≥ %1 %)</translation>
        </message>
        <message>
            <source>Budget left</source>
            <translation>Verbleibendes Budget</translation>
        </message>
        <message>
            <source>Burn 1 h</source>
            <translation>Burn 1 h</translation>
        </message>
        <message>
            <source>Burn 6 h</source>
            <translation>Burn 6 h</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <source>Data age</source>
            <translation>Datenalter</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
    </context>
    <context>
        <name>ph::SloPanel</name>
        <message>
            <source>%1 %</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>No Prometheus server is set for the environment "%1": give it a "prometheus": {"url": …} in the workspace.</source>
            <translation>Für die Umgebung „%1“ ist kein Prometheus-Server festgelegt: Geben Sie ihr im Arbeitsbereich ein "prometheus": {"url": …}.</translation>
        </message>
        <message>
            <source>Availability (%)</source>
            <translation>Verfügbarkeit (%)</translation>
        </message>
        <message>
            <source>Availability this session</source>
            <translation>Verfügbarkeit in dieser Sitzung</translation>
        </message>
        <message>
            <source>Target (%1 %)</source>
            <translation>Ziel (%1 %)</translation>
        </message>
        <message>
            <source>No service here has an SLO source.</source>
            <translation>Kein Dienst hier hat eine SLO-Quelle.</translation>
        </message>
        <message numerus="yes">
            <source>%n service(s) with SLOs</source>
            <translation><numerusform>%n Dienst mit SLOs</numerusform><numerusform>%n Dienste mit SLOs</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n breached</source>
            <translation><numerusform>%n verletzt</numerusform><numerusform>%n verletzt</numerusform></translation>
        </message>
        <message numerus="yes">
            <source>%n without current figures</source>
            <translation><numerusform>%n ohne aktuelle Werte</numerusform><numerusform>%n ohne aktuelle Werte</numerusform></translation>
        </message>
    </context>
    <context>
        <name>ph::SloReading</name>
        <message>
            <source>over the %1-day window the endpoint reports</source>
            <translation>über das %1-Tage-Fenster, das der Endpunkt meldet</translation>
        </message>
        <message>
            <source>%1 reports only its window's totals, so no burn rate over 5 min to 6 h can be computed from it; choose the service's /metrics or a Prometheus server as its SLO source</source>
            <translation>%1 meldet nur die Summen seines Fensters, daher lässt sich daraus keine Burn-Rate über 5 min bis 6 h berechnen; wählen Sie /metrics des Dienstes oder einen Prometheus-Server als SLO-Quelle</translation>
        </message>
    </context>
    <context>
        <name>ph::SshConfigImport</name>
        <message>
            <source>a quote is not closed; the line was ignored</source>
            <translation>ein Anführungszeichen ist nicht geschlossen; die Zeile wurde ignoriert</translation>
        </message>
        <message>
            <source>Could not read %1. Check that the file exists and is readable.</source>
            <translation>%1 konnte nicht gelesen werden. Prüfen Sie, ob die Datei existiert und lesbar ist.</translation>
        </message>
        <message>
            <source>"Match %1" is not evaluated; the settings in this block are not applied to any imported host</source>
            <translation>"Match %1" wird nicht ausgewertet; die Einstellungen in diesem Block werden auf keinen importierten Host angewendet</translation>
        </message>
        <message>
            <source>"Host" without a name; the block matches nothing</source>
            <translation>"Host" ohne Namen; der Block passt auf nichts</translation>
        </message>
        <message>
            <source>"%1" excludes hosts from this block; it is not imported as a host</source>
            <translation>"%1" schließt Hosts von diesem Block aus; es wird nicht als Host importiert</translation>
        </message>
        <message>
            <source>"Host %1" is a wildcard pattern: its settings apply to the hosts it matches, but it is not imported as a host</source>
            <translation>"Host %1" ist ein Platzhaltermuster: Seine Einstellungen gelten für die Hosts, auf die es passt, aber es wird nicht als Host importiert</translation>
        </message>
        <message>
            <source>"%1" has no value; ignored</source>
            <translation>"%1" hat keinen Wert; ignoriert</translation>
        </message>
        <message>
            <source>"Port %1" is not a port number (1–65535); ignored</source>
            <translation>"Port %1" ist keine Portnummer (1–65535); ignoriert</translation>
        </message>
        <message>
            <source>ProxyCommand is not supported (Pilothouse never starts programs to connect); use ProxyJump instead</source>
            <translation>ProxyCommand wird nicht unterstützt (Pilothouse startet nie Programme zum Verbinden); verwenden Sie stattdessen ProxyJump</translation>
        </message>
        <message>
            <source>"%1" is not used by Pilothouse; ignored here and wherever else it appears</source>
            <translation>"%1" wird von Pilothouse nicht verwendet; hier und überall sonst, wo es vorkommt, ignoriert</translation>
        </message>
        <message>
            <source>"Include" without a file; ignored</source>
            <translation>"Include" ohne Datei; ignoriert</translation>
        </message>
        <message>
            <source>"Include %1" matched no files</source>
            <translation>"Include %1" passte auf keine Dateien</translation>
        </message>
        <message>
            <source>"Include %1" would read %2 again while it is being read (an include cycle); skipped</source>
            <translation>"Include %1" würde %2 erneut lesen, während es gelesen wird (ein Include-Zyklus); übersprungen</translation>
        </message>
        <message>
            <source>"Include %1" nests more than %2 files deep; skipped</source>
            <translation>"Include %1" ist mehr als %2 Dateien tief verschachtelt; übersprungen</translation>
        </message>
        <message>
            <source>could not read %1 (%2); skipped</source>
            <translation>%1 konnte nicht gelesen werden (%2); übersprungen</translation>
        </message>
        <message>
            <source>%1 cannot be expanded by Pilothouse; the value is kept as written</source>
            <translation>%1 kann von Pilothouse nicht expandiert werden; der Wert wird wie geschrieben übernommen</translation>
        </message>
        <message>
            <source>jump host "%1" is not [user@]host[:port]; the jump was ignored</source>
            <translation>Jump-Host "%1" ist nicht [user@]host[:port]; der Sprung wurde ignoriert</translation>
        </message>
        <message>
            <source>%1 via %2</source>
            <translation>%1 über %2</translation>
        </message>
        <message>
            <source>ProxyJump leads through more than 8 hosts (a loop?); the jump of %1 was ignored</source>
            <translation>ProxyJump führt über mehr als 8 Hosts (eine Schleife?); der Sprung von %1 wurde ignoriert</translation>
        </message>
        <message>
            <source>%1 would jump through itself; its jump host was dropped (add "ProxyJump none" to its block)</source>
            <translation>%1 würde über sich selbst springen; sein Jump-Host wurde entfernt (fügen Sie "ProxyJump none" zu seinem Block hinzu)</translation>
        </message>
    </context>
    <context>
        <name>ph::SshConfigImportDialog</name>
        <message>
            <source>Import hosts from %1</source>
            <translation>Hosts aus %1 importieren</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>%1 wird gelesen…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Benutzer</translation>
        </message>
        <message>
            <source>Identity file</source>
            <translation>Identitätsdatei</translation>
        </message>
        <message>
            <source>Jump host</source>
            <translation>Jump-Host</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>&amp;Importieren</translation>
        </message>
        <message>
            <source>Add the hosts to &amp;environment:</source>
            <translation>Hosts zur &amp;Umgebung hinzufügen:</translation>
        </message>
        <message>
            <source>Not imported, or imported only in part:</source>
            <translation>Nicht oder nur teilweise importiert:</translation>
        </message>
        <message>
            <source>(your user)</source>
            <translation>(Ihr Benutzer)</translation>
        </message>
        <message>
            <source>Nothing: every line was used.</source>
            <translation>Nichts: Jede Zeile wurde verwendet.</translation>
        </message>
        <message>
            <source>No hosts found: the file names no concrete Host alias.</source>
            <translation>Keine Hosts gefunden: Die Datei nennt keinen konkreten Host-Alias.</translation>
        </message>
        <message numerus="yes">
            <source>%n host(s) found.</source>
            <translation><numerusform>%n Host gefunden.</numerusform><numerusform>%n Hosts gefunden.</numerusform></translation>
        </message>
    </context>
    <context>
        <name>ph::SshSession</name>
        <message>
            <source>The SSH session to %1 was closed.</source>
            <translation>Die SSH-Sitzung zu %1 wurde geschlossen.</translation>
        </message>
    </context>
    <context>
        <name>ph::SshTunnel</name>
        <message>
            <source>tunnel via %1: %2</source>
            <translation>Tunnel über %1: %2</translation>
        </message>
        <message>
            <source>the SSH session is gone.</source>
            <translation>die SSH-Sitzung besteht nicht mehr.</translation>
        </message>
        <message>
            <source>no socket could be created.</source>
            <translation>es konnte kein Socket erstellt werden.</translation>
        </message>
        <message>
            <source>could not listen on 127.0.0.1 (%1).</source>
            <translation>auf 127.0.0.1 konnte nicht gelauscht werden (%1).</translation>
        </message>
    </context>
    <context>
        <name>ph::SshTunnelProvider</name>
        <message>
            <source>tunnel: the workspace was reloaded.</source>
            <translation>Tunnel: Der Arbeitsbereich wurde neu geladen.</translation>
        </message>
        <message>
            <source>the workspace has no host %1.</source>
            <translation>der Arbeitsbereich hat keinen Host %1.</translation>
        </message>
        <message>
            <source>the jump hosts of %1 form a loop.</source>
            <translation>die Jump-Hosts von %1 bilden eine Schleife.</translation>
        </message>
        <message>
            <source>tunnel via %1: %2</source>
            <translation>Tunnel über %1: %2</translation>
        </message>
        <message>
            <source>tunnel via %1: the host key of %2 is not known yet (%3). Connect to %2 once from the Remote view to check and accept it.</source>
            <translation>Tunnel über %1: Der Host-Schlüssel von %2 ist noch nicht bekannt (%3). Verbinden Sie sich einmal über die Remote-Ansicht mit %2, um ihn zu prüfen und zu akzeptieren.</translation>
        </message>
        <message>
            <source>tunnel via %1: not open after %2 s.</source>
            <translation>Tunnel über %1: nach %2 s nicht offen.</translation>
        </message>
    </context>
    <context>
        <name>ph::SshWorker</name>
        <message>
            <source>The SSH session to %1 was closed.</source>
            <translation>Die SSH-Sitzung zu %1 wurde geschlossen.</translation>
        </message>
        <message>
            <source>Could not start an SSH session (out of memory).</source>
            <translation>Konnte keine SSH-Sitzung starten (kein Speicher mehr).</translation>
        </message>
        <message>
            <source>Could not connect to %1. Check the address, the port and that the host is reachable.</source>
            <translation>Konnte keine Verbindung zu %1 herstellen. Prüfen Sie Adresse und Port und ob der Host erreichbar ist.</translation>
        </message>
        <message>
            <source>%1 did not present a usable host key.</source>
            <translation>%1 hat keinen verwendbaren Host-Schlüssel vorgelegt.</translation>
        </message>
        <message>
            <source>WARNING: the host key of %1 has CHANGED. Someone may be intercepting the connection, or the server was reinstalled. Pilothouse did not log in. Known key: %2 (%3 line %4). Key offered now: %5. %6</source>
            <translation>WARNUNG: Der Host-Schlüssel von %1 hat sich GEÄNDERT. Jemand könnte die Verbindung abfangen, oder der Server wurde neu installiert. Pilothouse hat sich nicht angemeldet. Bekannter Schlüssel: %2 (%3 Zeile %4). Jetzt angebotener Schlüssel: %5. %6</translation>
        </message>
        <message>
            <source>WARNING: %1 is known with a %2 key (%3, %4 line %5) but now offers a %6 key (%7). Someone may be intercepting the connection. Pilothouse did not log in. %8</source>
            <translation>WARNUNG: %1 ist mit einem %2-Schlüssel bekannt (%3, %4 Zeile %5), bietet jetzt aber einen %6-Schlüssel an (%7). Jemand könnte die Verbindung abfangen. Pilothouse hat sich nicht angemeldet. %8</translation>
        </message>
        <message>
            <source>The host key of %1 was not accepted, so Pilothouse did not log in.</source>
            <translation>Der Host-Schlüssel von %1 wurde nicht akzeptiert, daher hat sich Pilothouse nicht angemeldet.</translation>
        </message>
        <message>
            <source>(default user)</source>
            <translation>(Standardbenutzer)</translation>
        </message>
        <message>
            <source>%1 closed the connection during login.</source>
            <translation>%1 hat die Verbindung während der Anmeldung geschlossen.</translation>
        </message>
        <message>
            <source>SSH agent: the server does not accept keys</source>
            <translation>SSH-Agent: Der Server akzeptiert keine Schlüssel</translation>
        </message>
        <message>
            <source>SSH agent: no agent is running (SSH_AUTH_SOCK is not set); start one and add your key with ssh-add</source>
            <translation>SSH-Agent: Es läuft kein Agent (SSH_AUTH_SOCK ist nicht gesetzt); starten Sie einen und fügen Sie Ihren Schlüssel mit ssh-add hinzu</translation>
        </message>
        <message>
            <source>SSH agent: no agent answers at %1</source>
            <translation>SSH-Agent: Unter %1 antwortet kein Agent</translation>
        </message>
        <message>
            <source>SSH agent: the server accepted none of the agent's keys (is one of them in authorized_keys for %1?)</source>
            <translation>SSH-Agent: Der Server hat keinen der Schlüssel des Agenten akzeptiert (steht einer davon in authorized_keys für %1?)</translation>
        </message>
        <message>
            <source>key file: the server does not accept keys</source>
            <translation>Schlüsseldatei: Der Server akzeptiert keine Schlüssel</translation>
        </message>
        <message>
            <source>key file: no key file is set for this host</source>
            <translation>Schlüsseldatei: Für diesen Host ist keine Schlüsseldatei eingerichtet</translation>
        </message>
        <message>
            <source>key file %1: the file does not exist or cannot be read</source>
            <translation>Schlüsseldatei %1: Die Datei existiert nicht oder ist nicht lesbar</translation>
        </message>
        <message>
            <source>key file %1: not a private key, or it needs a passphrase and none is stored in the keychain</source>
            <translation>Schlüsseldatei %1: kein privater Schlüssel, oder er braucht eine Passphrase und im Schlüsselbund ist keine gespeichert</translation>
        </message>
        <message>
            <source>key file %1: the passphrase is wrong, or it is not a private key</source>
            <translation>Schlüsseldatei %1: Die Passphrase ist falsch, oder es ist kein privater Schlüssel</translation>
        </message>
        <message>
            <source>key file %1: the server refused this key (is its public key in authorized_keys for %2?)</source>
            <translation>Schlüsseldatei %1: Der Server hat diesen Schlüssel abgelehnt (steht sein öffentlicher Schlüssel in authorized_keys für %2?)</translation>
        </message>
        <message>
            <source>password: the server does not accept passwords</source>
            <translation>Passwort: Der Server akzeptiert keine Passwörter</translation>
        </message>
        <message>
            <source>password: no password is stored in the keychain for this host</source>
            <translation>Passwort: Im Schlüsselbund ist für diesen Host kein Passwort gespeichert</translation>
        </message>
        <message>
            <source>password: the server refused the password for %1</source>
            <translation>Passwort: Der Server hat das Passwort für %1 abgelehnt</translation>
        </message>
        <message>
            <source>no login method is configured for this host</source>
            <translation>für diesen Host ist keine Anmeldemethode eingerichtet</translation>
        </message>
        <message>
            <source>Could not log in to %1 as %2. Tried: %3.</source>
            <translation>Anmeldung an %1 als %2 fehlgeschlagen. Versucht: %3.</translation>
        </message>
        <message>
            <source>Could not connect to %1 through the jump host %2: no socket could be created.</source>
            <translation>Verbindung zu %1 über den Jump-Host %2 nicht möglich: Es konnte kein Socket erstellt werden.</translation>
        </message>
        <message>
            <source>Could not connect to %1: its jump host %2 is no longer connected.</source>
            <translation>Verbindung zu %1 nicht möglich: Sein Jump-Host %2 ist nicht mehr verbunden.</translation>
        </message>
        <message>
            <source>The connection to %1 was closed before it was made.</source>
            <translation>Die Verbindung zu %1 wurde geschlossen, bevor sie hergestellt war.</translation>
        </message>
        <message>
            <source>Could not connect to %1 through the jump host %2: %3</source>
            <translation>Verbindung zu %1 über den Jump-Host %2 nicht möglich: %3</translation>
        </message>
        <message>
            <source>The SSH session to %1 is closing.</source>
            <translation>Die SSH-Sitzung zu %1 wird geschlossen.</translation>
        </message>
        <message>
            <source>%1 could not open a connection to %2:%3 (%4).</source>
            <translation>%1 konnte keine Verbindung zu %2:%3 öffnen (%4).</translation>
        </message>
        <message>
            <source>Could not run the command on %1: %2.</source>
            <translation>Konnte den Befehl auf %1 nicht ausführen: %2.</translation>
        </message>
        <message>
            <source>the server refused a new session channel</source>
            <translation>der Server hat einen neuen Sitzungskanal abgelehnt</translation>
        </message>
        <message>
            <source>the server refused a terminal</source>
            <translation>der Server hat ein Terminal abgelehnt</translation>
        </message>
        <message>
            <source>the server refused to start the command</source>
            <translation>der Server hat den Start des Befehls abgelehnt</translation>
        </message>
        <message>
            <source>The connection to %1 broke while the command ran; its outcome is unknown.</source>
            <translation>Die Verbindung zu %1 ist während des Befehls abgebrochen; sein Ausgang ist unbekannt.</translation>
        </message>
        <message>
            <source>sudo on %1 wants a password, and Pilothouse never types one. Allow this command without a password (NOPASSWD in sudoers) for %2, or run it as a user who may.</source>
            <translation>sudo auf %1 verlangt ein Passwort, und Pilothouse tippt nie eines ein. Erlauben Sie diesen Befehl ohne Passwort (NOPASSWD in sudoers) für %2, oder führen Sie ihn als berechtigter Benutzer aus.</translation>
        </message>
        <message>
            <source>The command on %1 did not finish within %2 s and was stopped.</source>
            <translation>Der Befehl auf %1 wurde nicht innerhalb von %2 s fertig und wurde abgebrochen.</translation>
        </message>
        <message>
            <source>The connection was closed before the command could run.</source>
            <translation>Die Verbindung wurde geschlossen, bevor der Befehl laufen konnte.</translation>
        </message>
    </context>
    <context>
        <name>ph::StepRunner</name>
        <message>
            <source>Step %1 (“%2”)</source>
            <translation>Schritt %1 („%2“)</translation>
        </message>
        <message>
            <source>No host of environment “%1” is in the host group “%2”. Add “%2” to the groups of the hosts in the workspace, or correct the step's group=….</source>
            <translation>Kein Host der Umgebung „%1“ ist in der Hostgruppe „%2“. Fügen Sie „%2“ zu den Gruppen der Hosts im Arbeitsbereich hinzu, oder korrigieren Sie group=… des Schritts.</translation>
        </message>
        <message>
            <source>The step names no host and the runbook names no service. Add host=… to the step's code fence or service: to the runbook.</source>
            <translation>Der Schritt nennt keinen Host und das Runbook keinen Dienst. Fügen Sie host=… zum Codeblock des Schritts oder service: zum Runbook hinzu.</translation>
        </message>
        <message>
            <source>The step names no host, and service “%1” in environment “%2” has no host in the workspace. Set the service's host, or add host=… to the step.</source>
            <translation>Der Schritt nennt keinen Host, und Dienst „%1“ in Umgebung „%2“ hat keinen Host im Arbeitsbereich. Legen Sie den Host des Dienstes fest oder fügen Sie host=… zum Schritt hinzu.</translation>
        </message>
        <message>
            <source>The workspace has no host “%1”. Add it under hosts, or correct the step's host=….</source>
            <translation>Der Arbeitsbereich hat keinen Host „%1“. Fügen Sie ihn unter hosts hinzu oder korrigieren Sie host=… des Schritts.</translation>
        </message>
        <message>
            <source>No service “%1” in environment “%2” of the workspace answers this HTTP step. Add the service, or run the runbook in another environment.</source>
            <translation>Kein Dienst „%1“ in Umgebung „%2“ des Arbeitsbereichs beantwortet diesen HTTP-Schritt. Fügen Sie den Dienst hinzu oder führen Sie das Runbook in einer anderen Umgebung aus.</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>(unbenannt)</translation>
        </message>
        <message>
            <source>Service “%1” has no valid base_url.</source>
            <translation>Dienst „%1“ hat keine gültige base_url.</translation>
        </message>
        <message>
            <source>“%1” is not a valid URL.</source>
            <translation>„%1“ ist keine gültige URL.</translation>
        </message>
        <message>
            <source>This step sends X-Dash-Key, but service “%1” has no dashboard_key_ref in the workspace. Set one and store the key in the keychain.</source>
            <translation>Dieser Schritt sendet X-Dash-Key, aber Dienst „%1“ hat keinen dashboard_key_ref im Arbeitsbereich. Legen Sie einen fest und speichern Sie den Schlüssel im Schlüsselbund.</translation>
        </message>
        <message>
            <source>The jq filter “%1” is not a simple path such as .a.b or .items[0]; Pilothouse shows only such paths. %2</source>
            <translation>Der jq-Filter „%1“ ist kein einfacher Pfad wie .a.b oder .items[0]; Pilothouse zeigt nur solche Pfade an. %2</translation>
        </message>
        <message>
            <source>It must start with a dot.</source>
            <translation>Er muss mit einem Punkt beginnen.</translation>
        </message>
        <message>
            <source>Unexpected “%1” at position %2.</source>
            <translation>Unerwartetes „%1“ an Position %2.</translation>
        </message>
        <message>
            <source>A “[” is not closed.</source>
            <translation>Ein „[“ ist nicht geschlossen.</translation>
        </message>
        <message>
            <source>“[%1]” is neither an index nor a quoted key.</source>
            <translation>„[%1]“ ist weder ein Index noch ein Schlüssel in Anführungszeichen.</translation>
        </message>
        <message>
            <source>The answer is not JSON, so the jq path cannot be applied.</source>
            <translation>Die Antwort ist kein JSON, daher kann der jq-Pfad nicht angewendet werden.</translation>
        </message>
        <message>
            <source>the runbook marks this step destructive</source>
            <translation>das Runbook markiert diesen Schritt als zerstörerisch</translation>
        </message>
        <message>
            <source>%1 changes state on the service</source>
            <translation>%1 ändert den Zustand des Dienstes</translation>
        </message>
        <message>
            <source>This run has no step %1.</source>
            <translation>Dieser Durchlauf hat keinen Schritt %1.</translation>
        </message>
        <message>
            <source>Step %1 (%2) is not in the runbook any more; it was edited after the run started. Start a new run.</source>
            <translation>Schritt %1 (%2) ist nicht mehr im Runbook; dieses wurde nach dem Start des Durchlaufs bearbeitet. Starten Sie einen neuen Durchlauf.</translation>
        </message>
        <message>
            <source>%1 is a manual check: a person has to do it and mark it done, or skip it with a reason.</source>
            <translation>%1 ist eine manuelle Kontrolle: Eine Person muss sie durchführen und als erledigt markieren oder sie mit einer Begründung überspringen.</translation>
        </message>
        <message>
            <source>%1 is %2, not pending. Retry it first to run it again.</source>
            <translation>%1 ist %2, nicht ausstehend. Wiederholen Sie ihn zuerst, um ihn erneut auszuführen.</translation>
        </message>
        <message>
            <source>The audit log is not open, so no command may run. Check that the keychain is unlocked and restart Pilothouse.</source>
            <translation>Das Audit-Protokoll ist nicht geöffnet, daher darf kein Befehl ausgeführt werden. Prüfen Sie, ob der Schlüsselbund entsperrt ist, und starten Sie Pilothouse neu.</translation>
        </message>
        <message>
            <source>%1 needs a value for %2. Fill in the run's parameters first.</source>
            <translation>%1 benötigt einen Wert für %2. Füllen Sie zuerst die Parameter des Durchlaufs aus.</translation>
        </message>
        <message>
            <source>Service “%1” is reached through host “%2”, and no SSH tunnels are available here. Nothing was sent.</source>
            <translation>Der Dienst „%1“ wird über den Host „%2“ erreicht, und hier sind keine SSH-Tunnel verfügbar. Es wurde nichts gesendet.</translation>
        </message>
        <message>
            <source>%1 needs secrets from the keychain, and no keychain is connected.</source>
            <translation>%1 benötigt Geheimnisse aus dem Schlüsselbund, und es ist kein Schlüsselbund verbunden.</translation>
        </message>
        <message>
            <source>The keychain entry “%1” could not be read: %2</source>
            <translation>Der Schlüsselbund-Eintrag „%1“ konnte nicht gelesen werden: %2</translation>
        </message>
        <message>
            <source>It would run on %1 host(s) of group “%2”: %3.</source>
            <translation>Er würde auf %1 Host(s) der Gruppe „%2“ laufen: %3.</translation>
        </message>
        <message>
            <source>%1 is destructive (%2), and “%3” does not confirm it: confirm with the environment name “%4”.</source>
            <translation>%1 ist zerstörerisch (%2), und „%3“ bestätigt dies nicht: Bestätigen Sie mit dem Umgebungsnamen „%4“.</translation>
        </message>
        <message>
            <source>%1 is destructive (%2) and needs confirmation for environment “%3”. Nothing was run.</source>
            <translation>%1 ist zerstörerisch (%2) und erfordert eine Bestätigung für Umgebung „%3“. Es wurde nichts ausgeführt.</translation>
        </message>
        <message>
            <source>The host key of %1 (%2) is not known yet, so nothing was run. Connect to the host once from the Remote view and accept its key, or add it to ~/.ssh/known_hosts.</source>
            <translation>Der Host-Schlüssel von %1 (%2) ist noch nicht bekannt, daher wurde nichts ausgeführt. Verbinden Sie sich einmal über die Remote-Ansicht mit dem Host und akzeptieren Sie seinen Schlüssel, oder fügen Sie ihn zu ~/.ssh/known_hosts hinzu.</translation>
        </message>
        <message>
            <source>Cancelled before it finished.</source>
            <translation>Vor dem Abschluss abgebrochen.</translation>
        </message>
        <message>
            <source>No result within the step's timeout of %1 s; the command was stopped.</source>
            <translation>Kein Ergebnis innerhalb des Schritt-Timeouts von %1 s; der Befehl wurde angehalten.</translation>
        </message>
        <message>
            <source>The command was killed by signal %1.</source>
            <translation>Der Befehl wurde durch Signal %1 beendet.</translation>
        </message>
        <message>
            <source>%1 of %2 host(s) of group “%3” did not pass: %4</source>
            <translation>%1 von %2 Host(s) der Gruppe „%3“ haben nicht bestanden: %4</translation>
        </message>
        <message>
            <source>Cancelled before it started.</source>
            <translation>Vor dem Start abgebrochen.</translation>
        </message>
        <message>
            <source>The answer is larger than %1 MiB; Pilothouse reads no more.</source>
            <translation>Die Antwort ist größer als %1 MiB; Pilothouse liest nicht weiter.</translation>
        </message>
        <message>
            <source>No answer within the step's timeout of %1 s.</source>
            <translation>Keine Antwort innerhalb des Schritt-Timeouts von %1 s.</translation>
        </message>
        <message>
            <source>%1 did not answer: %2</source>
            <translation>%1 hat nicht geantwortet: %2</translation>
        </message>
    </context>
    <context>
        <name>ph::TunnelIndicator</name>
        <message>
            <source>%1 via %2 — %3</source>
            <translation>%1 über %2 — %3</translation>
        </message>
        <message>
            <source>Open in browser</source>
            <translation>Im Browser öffnen</translation>
        </message>
        <message>
            <source>Close tunnel</source>
            <translation>Tunnel schließen</translation>
        </message>
        <message numerus="yes">
            <source>Tunnels: %n</source>
            <translation><numerusform>Tunnel: %n</numerusform><numerusform>Tunnel: %n</numerusform></translation>
        </message>
        <message>
            <source>SSH tunnels open for the browser; they stay open until closed here or the console quits.</source>
            <translation>SSH-Tunnel, die für den Browser geöffnet sind; sie bleiben offen, bis sie hier geschlossen werden oder die Konsole beendet wird.</translation>
        </message>
    </context>
</TS>
