// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ssh/sshconfigimport.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace ph {

/**
 * "Import hosts from ~/.ssh/config": reads the file on a worker thread, lists the hosts it
 * found (name, address, port, user, identity, jump) and every note with its file and line
 * (Match blocks, wildcard patterns, ignored keywords, include problems), and asks which
 * environment the hosts belong to ("ad-hoc" unless the user picks another).
 */
class SshConfigImportDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        AddressColumn,
        PortColumn,
        UserColumn,
        IdentityColumn,
        JumpColumn,
        ColumnCount
    };

    /// @p environments: the workspace's environments, offered besides "ad-hoc".
    SshConfigImportDialog(const QString &configPath, const QStringList &environments,
                          QWidget *parent = nullptr);
    ~SshConfigImportDialog() override;

    /// The hosts found, with the chosen environment.
    QList<Host> hosts() const;
    QString environment() const;
    QTableWidget *hostTable() const { return m_hosts; }
    QListWidget *noteList() const { return m_notes; }
    QPushButton *importButton() const { return m_import; }

Q_SIGNALS:
    void loaded();

private:
    void showResult(const Result<SshConfigImportResult> &result);

    QList<Host> m_found;
    QLabel *m_summary;
    QTableWidget *m_hosts;
    QListWidget *m_notes;
    QComboBox *m_environment;
    QPushButton *m_import;
    QFutureWatcher<Result<SshConfigImportResult>> m_watcher;
};

} // namespace ph
