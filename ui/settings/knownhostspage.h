// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ssh/knownhosts.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace ph {

/**
 * Settings page for host keys. Lists Pilothouse's own known_hosts file, whose entries can
 * be forgotten after typing the host name (a key removed by mistake means trusting the next
 * key blindly), and the user's ~/.ssh/known_hosts read-only: OpenSSH owns that file, so the
 * page gives the exact ssh-keygen -R command to copy instead. Files are read and rewritten
 * on worker threads.
 */
class KnownHostsPage : public QWidget
{
    Q_OBJECT
public:
    /// Columns of both tables.
    enum Column
    {
        HostColumn,
        PortColumn,
        TypeColumn,
        FingerprintColumn,
        ColumnCount
    };

    /// @p consoleFile: Pilothouse's file; @p userFile: OpenSSH's (shown read-only).
    KnownHostsPage(const QString &consoleFile, const QString &userFile, QWidget *parent = nullptr);
    ~KnownHostsPage() override;

    /// dataDir()/known_hosts and ~/.ssh/known_hosts.
    static QString defaultConsoleFile();
    static QString defaultUserFile();

    QTableWidget *consoleTable() const { return m_consoleTable; }
    QTableWidget *userTable() const { return m_userTable; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loaded();
    /// After a removal was attempted; @p error is empty when it worked.
    void removeFinished(const QString &host, int port, const QString &error);

private:
    struct Lists
    {
        Result<QList<KnownHostEntry>> console = QList<KnownHostEntry>{};
        Result<QList<KnownHostEntry>> user = QList<KnownHostEntry>{};
    };

    void showLists(const Lists &lists);
    void fill(QTableWidget *table, const Result<QList<KnownHostEntry>> &entries, QLabel *error);
    void consoleSelectionChanged();
    void userSelectionChanged();
    void updateRemoveButton();
    void removeSelected();
    const KnownHostEntry *selected(QTableWidget *table, const QList<KnownHostEntry> &entries) const;

    QString m_consoleFile;
    QString m_userFile;
    QList<KnownHostEntry> m_consoleEntries;
    QList<KnownHostEntry> m_userEntries;

    QTableWidget *m_consoleTable;
    QLabel *m_consoleError;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    QPushButton *m_remove;
    QLabel *m_status;
    QTableWidget *m_userTable;
    QLabel *m_userError;
    QLineEdit *m_command;
    QPushButton *m_copy;
    QLabel *m_commandHint;
    QFutureWatcher<Lists> m_loadWatcher;
    QFutureWatcher<Result<int>> m_removeWatcher;
    QString m_removingHost;
    int m_removingPort = 22;
};

} // namespace ph
