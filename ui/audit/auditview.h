// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditlog.h"
#include "core/error.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace ph {

class Database;

/**
 * The Audit log window: the records of ph::AuditLog with filters (text, environment, host,
 * kind, UTC date range), CSV export and a chain check that names and selects the first
 * broken record. Every database read runs on a worker thread; results come back through
 * watchers the view owns.
 */
class AuditView : public QWidget
{
    Q_OBJECT
public:
    /// Columns of model().
    enum Column
    {
        SeqColumn,
        TimeColumn,
        KindColumn,
        ActorColumn,
        EnvironmentColumn,
        HostColumn,
        CommandColumn,
        ExitColumn,
        ConfirmedByColumn,
        ColumnCount
    };

    explicit AuditView(std::shared_ptr<Database> database, QWidget *parent = nullptr);
    ~AuditView() override;

    /// Environment and host names offered in the filters (typing others works too).
    void setChoices(const QStringList &environments, const QStringList &hosts);
    /// The seal key, for the chain check.
    void setSealKey(const QByteArray &key);
    /// The keychain's answer for the seal key entry (Base64 text), or why there is none.
    void setStoredSealKey(const Result<QString> &stored);

    AuditFilter filter() const;
    QStandardItemModel *model() const { return m_model; }
    /// The sequence number of the selected record, -1 when none.
    qint64 selectedSeq() const;
    /// What the last load or export said.
    QString statusText() const;
    /// What the last chain check said.
    QString verifyText() const;

public Q_SLOTS:
    void refresh();
    void verifyChain();
    /// Writes the records matching the current filters to @p path as CSV.
    void exportCsvTo(const QString &path);
    void clearFilters();

Q_SIGNALS:
    void recordsLoaded(int count);
    void chainVerified(bool ok, qint64 firstBrokenSeq);
    void csvExported(const QString &path, bool ok);

private:
    enum class KeyState
    {
        Pending,
        Available,
        NotFound,
        Unavailable
    };
    struct VerifyOutcome
    {
        Result<VerifyReport> report = VerifyReport{};
        qint64 records = -1; ///< counted when there is no key
    };

    void showRecords(const Result<QList<AuditRecord>> &records);
    void showVerify(const VerifyOutcome &outcome);
    void setStatus(QLabel *label, const QString &text, const QColor &color);
    void selectSeq(qint64 seq);
    void askExport();

    std::shared_ptr<Database> m_database;
    QByteArray m_sealKey;
    KeyState m_keyState = KeyState::Pending;
    QString m_keyProblem;
    qint64 m_selectAfterLoad = -1;

    QLineEdit *m_text;
    QComboBox *m_environment;
    QComboBox *m_host;
    QComboBox *m_kind;
    QCheckBox *m_fromEnabled;
    QDateTimeEdit *m_from;
    QCheckBox *m_toEnabled;
    QDateTimeEdit *m_to;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QPushButton *m_verify;
    QPushButton *m_export;
    QLabel *m_status;
    QLabel *m_verifyStatus;
    QTimer *m_debounce;
    QFutureWatcher<Result<QList<AuditRecord>>> m_queryWatcher;
    QFutureWatcher<VerifyOutcome> m_verifyWatcher;
    QFutureWatcher<Result<void>> m_exportWatcher;
    QString m_exportPath;
};

} // namespace ph
