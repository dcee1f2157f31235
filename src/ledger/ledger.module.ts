import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CloseAccountHandler } from './commands/close-account.handler';
import { DepositMoneyHandler } from './commands/deposit-money.handler';
import { OpenAccountHandler } from './commands/open-account.handler';
import { RequestTransferHandler } from './commands/request-transfer.handler';
import { CreditForTransferHandler, DebitForTransferHandler, RefundTransferDebitHandler, SettleTransferHandler } from './commands/transfer-step.handlers';
import { WithdrawMoneyHandler } from './commands/withdraw-money.handler';
import { AccountsController } from './http/accounts.controller';
import { ledgerWriteProviders } from './ledger-write.providers';
import { TransfersController } from './http/transfers.controller';
import { TransferProcessManager } from './process-managers/transfer.process-manager';
import { AccountTransaction } from './projections/account-transaction.entity';
import { AccountView } from './projections/account-view.entity';
import { AccountViewProjection } from './projections/account-view.projection';
import { TransferView } from './projections/transfer-view.entity';
import { TransferViewProjection } from './projections/transfer-view.projection';
import { GetAccountStateHandler } from './queries/get-account-state.query';
import { GetAccountHandler } from './queries/get-account.query';
import { GetTransferHandler } from './queries/get-transfer.query';
import { ListAccountTransactionsHandler } from './queries/list-account-transactions.query';
import { ListAccountsHandler } from './queries/list-accounts.query';
import { ListTransfersHandler } from './queries/list-transfers.query';

/** Accounts and transfers between them: money in integer minor units, conserved by every transfer. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountView, AccountTransaction, TransferView])],
  controllers: [AccountsController, TransfersController],
  providers: [
    ...ledgerWriteProviders,
    OpenAccountHandler,
    DepositMoneyHandler,
    WithdrawMoneyHandler,
    CloseAccountHandler,
    RequestTransferHandler,
    DebitForTransferHandler,
    CreditForTransferHandler,
    RefundTransferDebitHandler,
    SettleTransferHandler,
    GetAccountHandler,
    ListAccountsHandler,
    ListAccountTransactionsHandler,
    GetAccountStateHandler,
    GetTransferHandler,
    ListTransfersHandler,
    AccountViewProjection,
    TransferViewProjection,
    TransferProcessManager,
  ],
})
export class LedgerModule {}
