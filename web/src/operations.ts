/**
 * Every operation the console sends, typed by GraphQL Code Generator against the public API (web/src/gql/). Each is
 * registered as a trusted document of the `console` client (gateway/trusted-documents/console/, `npm run
 * web:codegen`) and sent by its sha256 id, so the console works with a gateway in production mode.
 */
import { graphql } from './gql';

export const LandlordMonthDoc = graphql(`
  query ConsoleLandlordMonth($month: Month!) {
    expectedPayments(month: $month, first: 100) {
      leaseId
      month
      tenantName
      reference
      expectedCents
      payerKind
      status
      receivedCents
      payment {
        id
        receivedOn
        corrections {
          id
          correctedAt
          previousStatus
          previousReceivedCents
          status
          receivedCents
        }
      }
    }
    myLeases(first: 100) {
      id
      reference
      tenantName
      rentCents
      chargesCents
      beneficiary {
        id
        firstName
      }
      rentArrears {
        unpaidMonths
        consecutiveUnpaidMonths
        amountDueCents
        alert
      }
    }
  }
`);

export const ConfirmPaymentsDoc = graphql(`
  mutation ConsoleConfirmPayments($month: Month!, $items: [RentConfirmationItemInput!]!) {
    confirmRentPayments(month: $month, items: $items) {
      leaseId
      ok
      errorCode
      errorField
      errorMessage
      payment {
        id
        status
        receivedCents
        receivedOn
      }
    }
  }
`);

export const DeclareArrearsDoc = graphql(`
  mutation ConsoleDeclareArrears($input: DeclareRentArrearsInput!) {
    declareRentArrears(input: $input) {
      id
      leaseId
      months
      amountDueCents
      declaredAt
    }
  }
`);

export const CaseloadDoc = graphql(`
  query ConsoleCaseload {
    caseload(first: 100) {
      id
      firstName
      lastName
      territory
      rentArrears {
        consecutiveUnpaidMonths
        alert
      }
      measures {
        id
        level
        status
        endsOn
      }
    }
    caseloadAlerts(first: 100) {
      id
      kinds
      endsOn
      cumulativeMonths
      beneficiary {
        id
      }
    }
  }
`);

export const PersonDoc = graphql(`
  query ConsolePerson($id: ID!) {
    beneficiary(id: $id) {
      id
      firstName
      lastName
      birthDate
      address
      territory
      referredOn
      evaluations {
        id
      }
      medicalAnnexes {
        id
      }
      measures {
        id
        level
        status
        startsOn
        endsOn
        endedOn
        endReason
        cumulativeMonths
        signedOn
        terms {
          id
          seq
          startsOn
          endsOn
          months
          decidedOn
        }
        delegations {
          id
          associationOrgId
          conventionRef
          startsOn
          endsOn
        }
      }
      leases {
        id
        reference
        rentCents
        chargesCents
        payments(last: 12) {
          id
          month
          status
          expectedCents
          receivedCents
        }
      }
      rentArrears {
        unpaidMonths
        consecutiveUnpaidMonths
        amountDueCents
        alert
      }
      directPaymentOrders {
        id
        payerKind
        monthlyAmountCents
        startsOn
        endsOn
      }
      judicialMeasures(first: 20) {
        id
        court
        status
        startsOn
        endsOn
      }
    }
  }
`);

export const EndMeasureDoc = graphql(`
  mutation ConsoleEndMeasure($input: EndMeasureInput!) {
    endMeasure(input: $input) {
      id
      status
      endedOn
      endReason
    }
  }
`);

export const DelegatedFilesDoc = graphql(`
  query ConsoleDelegatedFiles {
    myDelegatedFiles(first: 100) {
      id
      status
      startedOn
      account {
        balanceCents
      }
      measure {
        id
        level
        endsOn
        beneficiary {
          id
          firstName
          lastName
        }
      }
    }
  }
`);

export const DelegatedFileDoc = graphql(`
  query ConsoleDelegatedFile($id: ID!) {
    delegatedFile(id: $id) {
      id
      status
      startedOn
      monthlyResourcesCents
      rentAndChargesCents
      managedBenefits
      budgetPlan {
        id
        month
        resourcesCents
        rentAndChargesCents
        careCents
        otherChargesCents
        resteAVivreCents
      }
      account {
        balanceCents
        overdraftLimitCents
      }
      operations(last: 20) {
        id
        seq
        kind
        label
        amountCents
        balanceAfterCents
        operatedOn
      }
      bilans {
        id
        kind
        writtenOn
        summary
      }
      measure {
        id
        level
        startsOn
        endsOn
        beneficiary {
          id
          firstName
          lastName
          address
          medicalAnnexes {
            id
          }
          leases {
            id
            reference
            rentCents
            chargesCents
            payments(last: 3) {
              id
              month
              status
              receivedCents
              receivedOn
            }
          }
        }
      }
    }
  }
`);

export const PostOperationDoc = graphql(`
  mutation ConsolePostOperation($input: PostDelegatedOperationInput!) {
    postDelegatedOperation(input: $input) {
      id
      seq
      kind
      amountCents
      balanceAfterCents
      operatedOn
    }
  }
`);

export const MajDoc = graphql(`
  query ConsoleMaj {
    myJudicialMeasures(first: 20) {
      id
      status
      court
      reference
      judgmentDate
      startsOn
      endsOn
      benefitsCovered
      account {
        id
        balanceCents
        lastOperationDate
      }
      accountOperations(first: 10) {
        id
        operationDate
        kind
        direction
        label
        amountCents
        balanceAfterCents
      }
      beneficiary {
        id
        firstName
        lastName
        birthDate
        medicalAnnexes {
          id
        }
      }
    }
  }
`);

export const RecordMajOperationDoc = graphql(`
  mutation ConsoleRecordMajOperation($input: RecordMajAccountOperationInput!) {
    recordMajAccountOperation(input: $input) {
      id
      operationDate
      kind
      direction
      amountCents
      balanceAfterCents
    }
  }
`);
