// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ui/dialogs/credentialsmodel.h"
#include "workspace/workspace.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QFrame;

namespace ph {

class SecretStore;

/**
 * The Credentials settings page: every keychain entry the workspace references (dashboard
 * keys, SSH passphrases and passwords), whether each is set, and Set / Rotate / Delete.
 *
 * When shown it first probes the keychain. Without one it says what is missing and
 * disables every action; there is no plaintext fallback. Whether an entry is set comes
 * from a read whose value is dropped at once: values are never shown, kept or logged.
 * All keychain work is asynchronous; while a job runs the actions are disabled and a
 * progress bar shows.
 *
 * The modal questions (the new value, the delete confirmation) go through replaceable
 * hooks so tests can answer them.
 */
class CredentialsDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Action
    {
        Set,
        Rotate
    };
    /// Asks for the new value of @p entry; std::nullopt when the user cancels.
    using SecretPrompt =
        std::function<std::optional<QString>(QWidget *parent, Action, const CredentialEntry &)>;
    /// Asks whether @p entry may really be deleted.
    using DeleteConfirmation = std::function<bool(QWidget *parent, const CredentialEntry &)>;

    /// @p store is not owned and must outlive the dialog.
    CredentialsDialog(SecretStore *store, const Workspace &workspace, QWidget *parent = nullptr);
    ~CredentialsDialog() override;

    CredentialsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    void setSecretPrompt(SecretPrompt prompt);
    void setDeleteConfirmation(DeleteConfirmation confirm);

    /// True while a keychain job started by this dialog runs.
    bool isBusy() const { return m_pending > 0; }
    /// True once the probe showed a working keychain.
    bool isKeychainAvailable() const { return m_available; }
    /// The probe's error when the keychain is unavailable.
    std::optional<Error> keychainError() const { return m_keychainError; }

    int currentRow() const;
    void setCurrentRow(int row);

public Q_SLOTS:
    /// Probes the keychain again and re-reads the state of every entry.
    void refresh();
    void setCurrentCredential();
    void rotateCurrentCredential();
    void deleteCurrentCredential();

Q_SIGNALS:
    /// The probe and the reads that follow it are done.
    void refreshed();
    /// A Set, Rotate or Delete finished; @p error is empty on success.
    void actionFinished(const QString &entryName, const QString &error);
    void busyChanged(bool busy);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void checkEntry(int row);
    void writeValue(Action action);
    void beginJob(const QString &text);
    void endJob();
    void updateActions();
    void showMessage(const QString &text, bool isError, const QString &detail = {});
    void showKeychainStatus();

    SecretStore *m_store;
    CredentialsModel *m_model;
    SecretPrompt m_prompt;
    DeleteConfirmation m_confirmDelete;

    QFrame *m_keychainBanner;
    QLabel *m_keychainStatus;
    QLabel *m_demoLabel;
    QLabel *m_emptyLabel;
    QTableView *m_table;
    QPushButton *m_setButton;
    QPushButton *m_rotateButton;
    QPushButton *m_deleteButton;
    QPushButton *m_refreshButton;
    QProgressBar *m_progress;
    QLabel *m_progressLabel;
    QLabel *m_message;

    int m_pending = 0;
    bool m_probed = false;
    bool m_available = false;
    bool m_shownOnce = false;
    bool m_refreshing = false;
    std::optional<Error> m_keychainError;
};

} // namespace ph
