// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspace.h"

#include <QWidget>

class QTableView;
class QTabWidget;
class QPlainTextEdit;
class QTreeWidget;
class QLabel;
class QMenu;
class QPushButton;
class QTimer;
class QChartView;

namespace ph {

struct ProbeResult;
class HealthModel;
class HostFactsPanel;

/// The Health dashboard: every endpoint of every service, and the selected one in detail.
class HealthView : public QWidget
{
    Q_OBJECT
public:
    explicit HealthView(QWidget *parent = nullptr);
    HealthModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// Containers, memory and disks of the hosts running Bot Core.
    HostFactsPanel *hostFacts() const { return m_hostFacts; }
    /// The row context menu of @p row ("Open in browser" for its service); caller owns it.
    QMenu *rowMenu(int row);
    /// The detail's "Open in browser" button.
    QPushButton *openInBrowserButton() const { return m_openBrowser; }
    /// Shown while the selected row failed because its tunnel's login lacked a secret.
    QPushButton *enterSecretButton() const { return m_enterSecret; }
    /// The hosts and services the rows' tunnels go through (services' `via`, jump hosts).
    void setWorkspace(const Workspace &workspace);

Q_SIGNALS:
    /// The user asked to open @p service in the browser (through its tunnel if it has one).
    void openInBrowserRequested(const QString &service);
    /// The user asked to give workspace host @p host's missing key passphrase or password.
    void secretRequested(const QString &host);

private:
    void showDetail();
    void showSecretButton(const QString &serviceName, const ProbeResult &result);

    HealthModel *m_model;
    QTableView *m_table;
    QTabWidget *m_detail;
    QLabel *m_detailTitle;
    QPushButton *m_openBrowser;
    QPushButton *m_enterSecret;
    QString m_secretHost; ///< whose secret m_enterSecret asks for
    Workspace m_workspace;
    QLabel *m_errorText;
    QTreeWidget *m_headers;
    QPlainTextEdit *m_body;
    QChartView *m_chart;
    QTimer *m_ageTimer;
    HostFactsPanel *m_hostFacts;
};

} // namespace ph
