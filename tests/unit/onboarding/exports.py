"""The acquired-system exports under tests/fixtures/onboarding, with the right mapping of each
(None: the column is not a canonical field and must be ignored)."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "onboarding"

CUSTOMER_TAIL = {"City": "city", "Country": "country", "Phone": "phone", "Email": "email"}

EXPECTED: dict[str, tuple[str, dict[str, str | None]]] = {
    "salesforce_accounts.csv": ("customer", {
        "Account ID": "source_id", "Account Name": "name", "Account Owner": None, "Type": None,
        "BillingStreet": "address_line1", "BillingCity": "city", "BillingState": "region",
        "BillingPostalCode": "postal_code", "BillingCountry": "country", "Phone": "phone",
        "Website": "website", "Industry": "industry", "AnnualRevenue": None,
        "VAT_Number__c": "tax_id",
    }),
    "hubspot_companies.csv": ("customer", {
        "Record ID": "source_id", "Company name": "name", "Company owner": None,
        "Company Domain Name": "website", "Phone Number": "phone",
        "Street Address": "address_line1", "City": "city", "State/Region": "region",
        "Postal Code": "postal_code", "Country/Region": "country", "Industry": "industry",
        "Number of Employees": None, "Create Date": None, "Last Activity Date": None,
    }),
    "dynamics_accounts.csv": ("customer", {
        "accountid": "source_id", "name": "name", "accountnumber": None,
        "address1_line1": "address_line1", "address1_city": "city",
        "address1_stateorprovince": "region", "address1_postalcode": "postal_code",
        "address1_country": "country", "telephone1": "phone", "emailaddress1": "email",
        "websiteurl": "website", "ownerid": None, "createdon": None,
        "parentaccountid": "parent_source_id",
    }),
    "netsuite_customers.csv": ("customer", {
        "Internal ID": "source_id", "Company Name": "name", "Legal Name": "legal_name",
        "Tax Reg. Number": "tax_id", "Address 1": "address_line1", "City": "city",
        "State/Province": "region", "Zip": "postal_code", "Country": "country",
        "Phone": "phone", "Email": "email", "Web Address": "website", "Sales Rep": None,
        "Credit Limit": None,
    }),
    "sap_kna1.csv": ("customer", {
        "KUNNR": "source_id", "NAME1": "name", "NAME2": None, "STRAS": "address_line1",
        "ORT01": "city", "PSTLZ": "postal_code", "LAND1": "country", "REGIO": "region",
        "TELF1": "phone", "SMTP_ADDR": "email", "STCEG": "tax_id", "BRSCH": "industry",
        "ERDAT": None, "KTOKD": None,
    }),
    "kunden_excel.csv": ("customer", {
        "Kunden-Nr.": "source_id", "Firmenname": "name", "Rechtlicher Name": "legal_name",
        "USt-IdNr.": "tax_id", "Straße": "address_line1", "PLZ": "postal_code", "Ort": "city",
        "Land": "country", "Telefon": "phone", "E-Mail": "email", "Webseite": "website",
        "Branche": "industry", "Ansprechpartner": None, "Bemerkung": None,
    }),
    "clients_fr.csv": ("customer", {
        "Code client": "source_id", "Nom commercial": "name", "Raison sociale": "legal_name",
        "N° TVA": "tax_id", "Adresse": "address_line1", "Code postal": "postal_code",
        "Ville": "city", "Pays": "country", "Téléphone": "phone", "Courriel": "email",
        "Site web": "website", "Secteur d'activité": "industry", "Commercial": None,
        "Chiffre d'affaires": None,
    }),
    "workday_workers.csv": ("resource", {
        "Worker ID": "source_id", "Employee ID": "employee_number",
        "Legal First Name": "first_name", "Legal Last Name": "last_name",
        "Business Title": "title", "Supervisory Organization": "department",
        "Work Email": "email", "Work Phone": "phone", "Location": "location_city",
        "Country": "country", "Hire Date": "hire_date", "Manager ID": "manager_source_id",
        "Worker Type": None, "Time Type": None,
    }),
    "psa_rate_lines.csv": ("rate_card", {
        "Rate ID": "source_id", "Role": "role", "Grade": "level", "Currency": "currency",
        "Bill Rate": "rate", "Unit of Measure": "unit", "Start Date": "effective_from",
        "End Date": "effective_to", "Account ID": "customer_source_id", "Region": "region",
        "Rate Card Name": None, "Cost Rate": None, "Created By": None,
        "Last Modified Date": None,
    }),
}  # fmt: skip


def typed(value: str) -> object:
    """A cell as a spreadsheet would hold it: numbers and dates typed, the rest text."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return date.fromisoformat(value)
    if value.isdigit() and not value.startswith("0"):
        return int(value)
    try:
        return float(Decimal(value)) if "." in value else value
    except ArithmeticError:
        return value


def write_workbook(csv_path: Path, out: Path) -> Path:
    """The CSV export saved as an Excel workbook, as a person would pass it on."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Export"
    with csv_path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f)):
            sheet.append(row if n == 0 else [typed(v) if v else None for v in row])
    book.save(out)
    return out
